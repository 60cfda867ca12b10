import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { buildApp } from '../../helpers/app.js'
import type { Teardown } from '../../helpers/database.js'

export const STAFF_KEY = 'contact-centre-test-key-0001'
/** A schedule that never fires during a test: tests run manifests themselves. */
const NEVER_CRON = '0 0 29 2 1'

export async function buildStaffApp (t: Teardown, env: Record<string, string> = {}): Promise<FastifyInstance> {
  return await buildApp(t, { STAFF_API_KEYS: `other-key-0000000000,${STAFF_KEY}`, MANIFEST_CRON: NEVER_CRON, ...env })
}

/** A request with the staff key. */
export function staff (app: FastifyInstance, method: InjectOptions['method'], url: string, payload?: unknown) {
  return app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${STAFF_KEY}` },
    ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] })
  })
}

export function domesticConsignment (reference: string): Record<string, unknown> {
  return {
    reference,
    origin: { shippingLocation: 'EDC5_Electio' },
    destination: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '07700900123', addressLines: ['12 Analytical Row'], town: 'London', postcode: 'N1 9GU', countryCode: 'GB' },
    packages: [{
      weightKg: 1.5,
      dimensionsCm: { length: 30, width: 20, height: 10 },
      value: { amount: '40.00', currency: 'GBP' },
      description: 'Teapot and mugs',
      items: [{ sku: 'SKU-TEAPOT', quantity: 1, description: 'Teapot', value: { amount: '24.00', currency: 'GBP' } }]
    }],
    metadata: { agent: 'jsmith' }
  }
}

export function internationalConsignment (reference: string, withCustoms = true): Record<string, unknown> {
  const items = withCustoms
    ? [{ sku: 'SKU-TEAPOT', quantity: 2, description: 'Porcelain teapot', value: { amount: '22.50', currency: 'GBP' }, weightKg: 0.6, countryOfOrigin: 'GB', hsCode: '691200' }]
    : [{ sku: 'SKU-TEAPOT', quantity: 2, description: 'Porcelain teapot' }]
  return {
    reference,
    origin: { shippingLocation: 'EDC5_Electio' },
    destination: { name: 'Jean Dupont', email: 'jean@example.com', phone: '+33612345678', addressLines: ['8 Rue de Rivoli'], town: 'Paris', postcode: '75001', countryCode: 'FR' },
    packages: [{ weightKg: 1.3, dimensionsCm: { length: 30, width: 20, height: 15 }, value: { amount: '45.00', currency: 'GBP' }, description: 'Teapots', items }],
    ...(withCustoms && { customs: { category: 'SaleOfGoods', reasonForExport: 'Sale', shippingTerms: 'DAP', invoiceDate: '2026-11-23', shipperEori: 'GB123456789000' } })
  }
}

/** Polls the database until the consignment's label is stored in `format` (the label job runs in the background). */
export async function waitForLabel (app: FastifyInstance, reference: string, format: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const { rows } = await app.db.pool.query(
      "SELECT 1 FROM documents d JOIN consignments c ON c.id = d.consignment_id WHERE c.reference = $1 AND d.kind = 'label' AND d.name = $2",
      [reference, format])
    if (rows.length > 0) return
    if (Date.now() > deadline) throw new Error(`no ${format} label stored for ${reference} after ${timeoutMs} ms`)
    await sleep(200)
  }
}

/** A domestic staff consignment created, allocated with its first quote and labelled (pdf): answers its PRO reference. */
export async function labelledConsignment (app: FastifyInstance, customerReference: string): Promise<string> {
  const { reference } = (await staff(app, 'POST', '/consignments', domesticConsignment(customerReference))).json()
  const { quotes } = (await staff(app, 'GET', `/consignments/${reference}/quotes`)).json()
  await staff(app, 'POST', `/consignments/${reference}/allocation`, { quoteReference: quotes[0].quoteReference })
  await waitForLabel(app, reference, 'pdf')
  return reference
}

export interface SimulatorConsignment { state: string, manifestCount: number, customerReference: string | null, service: string | null }

export async function simulator (app: FastifyInstance): Promise<{ counts: Record<string, number>, duplicates: Record<string, number>, consignments: Record<string, SimulatorConsignment> }> {
  return (await app.proSimulator!.inject({ method: 'GET', url: '/_sandbox/stats' })).json()
}
