import t, { type Test } from 'tap'
import { Type, type TSchema } from '@sinclair/typebox'
import type { CreateConsignment } from '../../../src/schemas/consignments.js'
import type { BasketItem, OptionsRequest } from '../../../src/schemas/checkout-options.js'
import { buildDeliveryOptionsRequest, buildPickupOptionsRequest, normaliseOptionsRequest } from '../../../src/services/checkout/options-request.js'
import { buildPackRequest, planPacks } from '../../../src/services/fulfilment/pack-plan.js'
import { parseDefaultParcel } from '../../../src/services/pro-mapping/parcel.js'
import { schemaProblems } from '../../../src/services/pro/validation.js'
import { buildCreateRequest } from '../../../src/services/quotes/consignment-request.js'

/*
 * What PRO's documentation makes mandatory in the requests we send, written from the docs rather
 * than from our code: §7.3 and the add-package page (a package has Weight + Dimensions, or a
 * PackageSizeReference, and a Description and a Value), §5 (units "Kg"/"Cm", money with an ISO
 * currency), §7.2 (a pack names its order and each item with a quantity), and the SDK's Create
 * Consignment contact (Title, FirstName, Email). Every request builder runs over a range of baskets.
 */

const Text = Type.String({ minLength: 1, pattern: '\\S' })
const Weight = Type.Object({ Value: Type.Number({ exclusiveMinimum: 0 }), Unit: Type.Literal('Kg') })
const Dimensions = Type.Object({
  Unit: Type.Literal('Cm'),
  Length: Type.Number({ exclusiveMinimum: 0 }),
  Width: Type.Number({ exclusiveMinimum: 0 }),
  Height: Type.Number({ exclusiveMinimum: 0 })
})
const Money = Type.Object({ Amount: Type.Number({ exclusiveMinimum: 0 }), Currency: Type.Object({ IsoCode: Type.String({ pattern: '^[A-Z]{3}$' }) }) })
const Size = Type.Union([
  Type.Object({ Weight, Dimensions }),
  Type.Object({ PackageSizeReference: Text })
])
const Parcel = Type.Intersect([Type.Object({ Description: Type.String({ minLength: 1, maxLength: 100 }), Value: Money }), Size])

const Contact = (email: boolean) => Type.Object({
  Title: Text,
  FirstName: Text,
  ...(email ? { Email: Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$' }) } : {})
})
const Origin = Type.Object({ AddressType: Type.Literal('Origin'), ShippingLocationReference: Text })
const Destination = (email: boolean) => Type.Object({
  AddressType: Type.Literal('Destination'),
  Contact: Contact(email),
  AddressLine1: Text,
  Postcode: Text,
  Country: Type.Object({ IsoCode: Type.Object({ TwoLetterCode: Type.String({ pattern: '^[A-Z]{2}$' }) }) })
})
const Shipment = (email: boolean) => Type.Object({
  Packages: Type.Array(Parcel, { minItems: 1 }),
  Addresses: Type.Tuple([Origin, Destination(email)])
})

const DeliveryOptionsBody = Shipment(false)
const PickupOptionsBody = Type.Intersect([Shipment(false), Type.Object({
  Distance: Type.Object({ Unit: Type.Literal('Km'), Value: Type.Number({ exclusiveMinimum: 0 }) }),
  MaxResults: Type.Integer({ minimum: 1, maximum: 50 })
})])
const CreateConsignmentBody = Shipment(true)
/** §5: a shipment leaving the UK declares its category and date (SDK), reason and terms, and each item's origin and HS code. */
const Export = Type.Object({
  CustomsDocumentation: Type.Object({
    CategoryType: Type.Union(['None', 'Gift', 'CommercialSample', 'Documents', 'Other', 'ReturnedGoods', 'SaleOfGoods', 'Personal'].map((v) => Type.Literal(v))),
    DeclarationDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}$' }),
    ReasonForExport: Text,
    ShippingTerms: Type.Union(['None', 'EXW', 'FCA', 'CPT', 'CIP', 'DAT', 'DAP', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF', 'DDU'].map((v) => Type.Literal(v)))
  }),
  Packages: Type.Array(Type.Object({
    Items: Type.Array(Type.Object({
      Description: Text,
      CountryOfOrigin: Type.Object({ IsoCode: Type.Object({ TwoLetterCode: Type.String({ pattern: '^[A-Z]{2}$' }) }) }),
      HarmonisationCode: Text
    }), { minItems: 1 })
  }), { minItems: 1 })
})
const PackItem = Type.Object({ Sku: Text, Quantity: Type.Integer({ minimum: 1 }) })
const PackBody = Type.Object({
  OrderReference: Type.String({ pattern: '^EO-' }),
  OrderReferenceProvidedByCustomer: Text,
  Packages: Type.Array(Type.Intersect([Parcel, Type.Object({ Items: Type.Array(PackItem, { minItems: 1 }) })]), { minItems: 1, maxItems: 1 })
})

/** The fields of a Pack Order request (§7.2); PRO ignores any other (e.g. `Addresses`). */
const PACK_FIELDS = ['OrderReference', 'OrderReferenceProvidedByCustomer', 'GenerateReturn', 'Packages', 'MetaData', 'CustomsDocumentation', 'Tags']

function conforms (t: Test, schema: TSchema, body: unknown, what: string): void {
  t.same(schemaProblems(schema, body), [], what)
}

const price = (amount: string) => ({ amount, currency: 'GBP' })
const mug: BasketItem = { sku: 'SKU-MUG', quantity: 2, unitPrice: price('9.50') }
const teapot: BasketItem = { sku: 'SKU-TEAPOT', quantity: 1, unitPrice: price('24.00'), description: 'Porcelain teapot', weightKg: 1.2, dimensionsCm: { length: 25, width: 20, height: 18 } }
const saucer: BasketItem = { sku: 'SKU-SAUCER', quantity: 4, unitPrice: price('3.25'), description: 'Saucer', weightKg: 0.2, dimensionsCm: { length: 15, width: 15, height: 2 } }
const longName: BasketItem = { sku: 'SKU-LONG', quantity: 1, unitPrice: price('120.00'), description: 'An exceptionally long product description '.repeat(6).trim() }

const baskets: Record<string, BasketItem[]> = {
  'one item, no description, size or weight': [mug],
  'one item with everything': [teapot],
  'several items, every one sized': [teapot, saucer],
  'several items, some unsized': [mug, teapot, saucer],
  'a long description': [longName, mug],
  'split over three warehouses': [
    { ...mug, shippingLocation: 'WH_BRISTOL' },
    { ...teapot, shippingLocation: 'Sorted1' },
    { ...saucer, shippingLocation: 'EDC5_Electio' },
    longName
  ]
}

/** A basket item with what a storefront must send for delivery abroad. */
const declared = (item: BasketItem): BasketItem => ({ description: `Item ${item.sku}`, ...item, countryOfOrigin: 'GB', hsCode: '691200' })

const destinations = {
  domestic: { name: 'Ada Lovelace', email: 'ada@example.com', addressLines: ['12 Analytical Row'], town: 'London', postcode: 'N1 9GU', countryCode: 'GB' },
  international: { name: 'Jean Dupont', addressLines: ['8 Rue de Rivoli'], town: 'Paris', postcode: '75001', countryCode: 'FR' },
  'single-word name': { name: 'Prince', addressLines: ['1 Purple Lane'], town: 'Leeds', postcode: 'LS1 1AA', countryCode: 'GB' }
}

const parcels = { 'default size': parseDefaultParcel('30x20x15'), 'default package size': parseDefaultParcel('size:SMALL_PARCEL') }

t.test('options and pack requests carry complete parcels for every basket', async (t) => {
  for (const [parcelName, parcel] of Object.entries(parcels)) {
    for (const [basketName, items] of Object.entries(baskets)) {
      for (const [where, destination] of Object.entries(destinations)) {
        const what = `${basketName}, ${where}, ${parcelName}`
        const abroad = destination.countryCode !== 'GB'
        const raw: OptionsRequest = { items: abroad ? items.map(declared) : items, destination, include: ['delivery', 'pickup'] }
        const request = normaliseOptionsRequest(raw, 'EDC5_Electio', 'GB')
        const defaults = { parcel, contactTitle: 'Mx', originCountry: 'GB', customs: { category: 'SaleOfGoods', shippingTerms: 'DAP', reasonForExport: 'Sale' } } as const
        const now = new Date('2026-11-23T10:00:00Z')
        const delivery = buildDeliveryOptionsRequest(request, defaults, now)
        conforms(t, DeliveryOptionsBody, delivery, `delivery options: ${what}`)
        conforms(t, PickupOptionsBody, buildPickupOptionsRequest(request, defaults, now), `pickup options: ${what}`)
        if (abroad) conforms(t, Export, delivery, `delivery options, customs data: ${what}`)
        else t.equal(delivery.CustomsDocumentation, undefined, `no customs data within GB: ${what}`)

        const order = { id: '3f0c8a52-1111-4a43-9b8e-1f1d4b0b7a11', merchantReference: 'WEB-1001', metadata: { channel: 'web' } }
        const groups = planPacks(order.id, request.items, 'EDC5_Electio', parcel)
        t.ok(groups.length >= 1)
        for (const group of groups) {
          const pack = buildPackRequest(order, 'EO-000-002-0TT', group)
          conforms(t, PackBody, pack, `pack at ${group.shippingLocation}: ${what}`)
          t.same(Object.keys(pack).filter((field) => !PACK_FIELDS.includes(field)), [], `pack at ${group.shippingLocation}: only fields Pack Order documents`)
        }
      }
    }
  }
})

t.test('staff create requests carry complete parcels and contacts', async (t) => {
  const base: CreateConsignment = {
    reference: 'CC-1',
    origin: { shippingLocation: 'EDC5_Electio' },
    destination: { name: 'Ada Lovelace', email: 'ada@example.com', addressLines: ['12 Analytical Row'], town: 'London', postcode: 'N1 9GU', countryCode: 'GB' },
    packages: [{ weightKg: 1.5, dimensionsCm: { length: 30, width: 20, height: 10 }, value: price('40.00'), description: 'Teapot and mugs' }]
  }
  const requests: Record<string, CreateConsignment> = {
    'domestic, one package': base,
    'international, two packages with items': {
      ...base,
      destination: { ...destinations.international, email: 'jean@example.com' },
      packages: [
        { ...base.packages[0]!, items: [{ sku: 'SKU-TEAPOT', quantity: 1, description: 'Teapot', value: price('24.00'), countryOfOrigin: 'GB', hsCode: '691200' }] },
        { weightKg: 0.3, dimensionsCm: { length: 10, width: 10, height: 10 }, value: price('9.50'), description: 'Mug', items: [{ sku: 'SKU-MUG', quantity: 1, description: 'Mug', value: price('9.50'), countryOfOrigin: 'CN', hsCode: '691200' }] }
      ],
      customs: { category: 'SaleOfGoods', reasonForExport: 'Sale', shippingTerms: 'DAP', invoiceDate: '2026-11-23' }
    },
    'a titled single-word name': { ...base, destination: { ...base.destination, title: 'Dr', name: 'Prince' } }
  }
  for (const [what, request] of Object.entries(requests)) {
    conforms(t, CreateConsignmentBody, buildCreateRequest(request, 'Mx'), what)
  }
  conforms(t, Export, buildCreateRequest(requests['international, two packages with items']!, 'Mx'), 'international: customs data')
})
