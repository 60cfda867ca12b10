import type { FastifyInstance } from 'fastify'

export const basket = {
  items: [
    { sku: 'SKU-RED-MUG', quantity: 2, weightKg: 0.4, unitPrice: { amount: '9.50', currency: 'GBP' }, shippingLocation: 'EDC5_Electio' },
    { sku: 'SKU-TEAPOT', quantity: 1, weightKg: 1.2, unitPrice: { amount: '24.00', currency: 'GBP' }, shippingLocation: 'WH_BRISTOL' }
  ],
  destination: {
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    phone: '07700900123',
    addressLines: ['12 Analytical Row'],
    town: 'London',
    postcode: 'N1 9GU',
    countryCode: 'GB'
  }
}

export interface OfferedOption {
  id: string
  date: string
  type: string
  cutOff: string
}

/** Asks the app for delivery options for the standard basket; answers them. */
export async function offeredOptions (app: FastifyInstance): Promise<OfferedOption[]> {
  const response = await app.inject({ method: 'POST', url: '/checkout/options', payload: basket })
  if (response.statusCode !== 200) throw new Error(`options answered ${response.statusCode}: ${response.body}`)
  return response.json().options as OfferedOption[]
}

/** Longer than any test takes from being offered an option to confirming (and fulfilling) it. */
export const AN_HOUR_MS = 60 * 60 * 1000

/**
 * The options whose cut-off is at least `ms` away, in the order offered. The first option offered
 * may close minutes from now (the simulator's cut-offs are at 15:30, 16:00 and 17:00 London time),
 * and a test confirming it after the cut-off would fail.
 */
export function optionsOpenFor<T extends { cutOff: string }> (options: readonly T[], ms = AN_HOUR_MS): T[] {
  const now = Date.now()
  return options.filter((option) => Date.parse(option.cutOff) - now >= ms)
}

/** The first option whose cut-off is at least `ms` away; throws when there is none. */
export function firstOptionOpenFor<T extends { cutOff: string }> (options: readonly T[], ms = AN_HOUR_MS): T {
  const [option] = optionsOpenFor(options, ms)
  if (option === undefined) throw new Error(`none of ${options.length} options is open for another ${ms} ms`)
  return option
}

export function confirm (app: FastifyInstance, key: string | undefined, payload: Record<string, unknown>) {
  return app.inject({
    method: 'POST',
    url: '/checkout/confirm',
    headers: key === undefined ? {} : { 'idempotency-key': key },
    payload
  })
}

export async function simulatorStats (app: FastifyInstance): Promise<{ counts: Record<string, number>, duplicates: Record<string, number>, orders: Record<string, unknown> }> {
  const response = await app.proSimulator!.inject({ method: 'GET', url: '/_sandbox/stats' })
  return response.json()
}

export async function setSimulatorFaults (app: FastifyInstance, faults: Record<string, unknown>): Promise<void> {
  const response = await app.proSimulator!.inject({ method: 'PUT', url: '/_sandbox/faults', payload: faults })
  if (response.statusCode >= 300) throw new Error(`faults answered ${response.statusCode}: ${response.body}`)
}
