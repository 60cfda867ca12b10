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
