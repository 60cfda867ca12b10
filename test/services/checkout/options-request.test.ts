import t from 'tap'
import { schemaProblems } from '../../../src/services/pro/validation.js'
import { DeliveryOptionsRequest, PickupOptionsRequest } from '../../../src/services/pro/schemas/options.js'
import { AppError } from '../../../src/errors.js'
import type { OptionsRequest } from '../../../src/schemas/checkout-options.js'
import {
  buildDeliveryOptionsRequest, buildPickupOptionsRequest, chooseOrigin,
  normaliseOptionsRequest, requestKey
} from '../../../src/services/checkout/options-request.js'

const DEFAULT_LOCATION = 'EDC5_Electio'
const DEFAULTS = {
  parcel: { dimensionsCm: { length: 30, width: 20, height: 15 } },
  contactTitle: 'Mx',
  originCountry: 'GB',
  customs: { category: 'SaleOfGoods', shippingTerms: 'DAP', reasonForExport: 'Sale' }
} as const
const NOW = new Date('2026-11-23T10:00:00Z')

function basket (overrides: Partial<OptionsRequest> = {}): OptionsRequest {
  return {
    items: [
      { sku: 'SKU-B', quantity: 2, weightKg: 0.4, unitPrice: { amount: '19.99', currency: 'GBP' }, description: 'Mug', countryOfOrigin: 'GB', hsCode: '691200' },
      { sku: 'SKU-A', quantity: 1, weightKg: 1.25, unitPrice: { amount: '5.00', currency: 'GBP' } }
    ],
    destination: {
      name: 'Ada King Lovelace',
      email: 'ada@example.com',
      phone: '07700900123',
      company: 'Analytical Engines Ltd',
      addressLines: ['1 Analytical Way', 'Islington'],
      town: 'London',
      region: 'Greater London',
      postcode: 'N1 9GU',
      countryCode: 'GB',
      instructions: 'Leave with the porter'
    },
    ...overrides
  }
}

function validationFields (fn: () => unknown): string[] {
  try {
    fn()
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION_FAILED') return (error.errors ?? []).map((e) => e.field)
    throw error
  }
  return []
}

t.test('normalising trims, sorts items by sku and fills in the defaults', async (t) => {
  const raw = basket()
  raw.items[0]!.sku = '  SKU-B '
  raw.destination.postcode = ' n1   9gu '
  raw.destination.name = ' Ada King Lovelace '
  const request = normaliseOptionsRequest(raw, DEFAULT_LOCATION, 'GB')
  t.same(request.items.map((item) => item.sku), ['SKU-A', 'SKU-B'])
  t.equal(request.destination.postcode, 'N1 9GU')
  t.equal(request.destination.name, 'Ada King Lovelace')
  t.equal(request.guaranteedOnly, false)
  t.same(request.include, ['delivery'])
  t.equal(request.pickup, undefined, 'no pickup search unless pickup is asked for')
  t.equal(request.origin, DEFAULT_LOCATION)

  const withPickup = normaliseOptionsRequest(basket({ include: ['pickup', 'delivery'] }), DEFAULT_LOCATION, 'GB')
  t.same(withPickup.include, ['delivery', 'pickup'])
  t.same(withPickup.pickup, { radiusKm: 5, maxResults: 10 })
})

t.test('the request key is the same for equivalent bodies and differs when anything that matters differs', async (t) => {
  const key = requestKey(normaliseOptionsRequest(basket(), DEFAULT_LOCATION, 'GB'))
  t.match(key, /^[0-9a-f]{64}$/)

  const reordered = basket()
  reordered.items.reverse()
  reordered.destination.town = ' London '
  reordered.guaranteedOnly = false
  reordered.include = ['delivery']
  t.equal(requestKey(normaliseOptionsRequest(reordered, DEFAULT_LOCATION, 'GB')), key, 'item order, whitespace and explicit defaults do not matter')

  const more = basket()
  more.items[1]!.quantity = 2
  t.not(requestKey(normaliseOptionsRequest(more, DEFAULT_LOCATION, 'GB')), key, 'a different quantity')
  t.not(requestKey(normaliseOptionsRequest(basket({ deliveryDateTo: '2026-12-01' }), DEFAULT_LOCATION, 'GB')), key, 'a date range')
  t.not(requestKey(normaliseOptionsRequest(basket({ include: ['delivery', 'pickup'] }), DEFAULT_LOCATION, 'GB')), key, 'pickup asked for')
  t.not(requestKey(normaliseOptionsRequest(basket(), 'WH_BRISTOL', 'GB')), key, 'another origin')
})

t.test('the origin is the items\' warehouse when all agree, else the default', async (t) => {
  const item = (shippingLocation?: string) => ({ sku: 'S', quantity: 1, unitPrice: { amount: '1.00', currency: 'GBP' }, ...(shippingLocation === undefined ? {} : { shippingLocation }) })
  t.equal(chooseOrigin([item('WH_BRISTOL'), item('WH_BRISTOL')], DEFAULT_LOCATION), 'WH_BRISTOL')
  t.equal(chooseOrigin([item('WH_BRISTOL'), item('Sorted1')], DEFAULT_LOCATION), DEFAULT_LOCATION)
  t.equal(chooseOrigin([item('WH_BRISTOL'), item()], DEFAULT_LOCATION), DEFAULT_LOCATION, 'an item without a warehouse comes from the default')
  t.equal(chooseOrigin([item()], DEFAULT_LOCATION), DEFAULT_LOCATION)
})

t.test('fields the schema lets through but that cannot be used are each named', async (t) => {
  const blank = basket()
  blank.items[1]!.sku = '   '
  blank.destination.postcode = '  '
  blank.destination.town = ' '
  blank.destination.addressLines = [' ']
  t.same(validationFields(() => normaliseOptionsRequest(blank, DEFAULT_LOCATION, 'GB')).sort(), [
    '/body/destination/addressLines', '/body/destination/postcode', '/body/destination/town', '/body/items/1/sku'
  ])

  const mixed = basket()
  mixed.items[1]!.unitPrice = { amount: '5.00', currency: 'EUR' }
  t.same(validationFields(() => normaliseOptionsRequest(mixed, DEFAULT_LOCATION, 'GB')), ['/body/items/1/unitPrice/currency'])

  t.same(validationFields(() => normaliseOptionsRequest(basket({ deliveryDateFrom: '2026-12-05', deliveryDateTo: '2026-12-01' }), DEFAULT_LOCATION, 'GB')),
    ['/body/deliveryDateTo'])
})

t.test('the delivery options body is the whole basket as one package from one origin', async (t) => {
  const request = normaliseOptionsRequest(basket({ guaranteedOnly: true, deliveryDateTo: '2026-12-01' }), DEFAULT_LOCATION, 'GB')
  const body = buildDeliveryOptionsRequest(request, DEFAULTS, NOW)
  t.same(schemaProblems(DeliveryOptionsRequest, body), [], 'matches PRO\'s request schema')

  t.equal(body.Packages.length, 1)
  const pkg = body.Packages[0]!
  t.same(pkg.Weight, { Value: 2.05, Unit: 'Kg' }, '0.4 × 2 + 1.25 × 1')
  t.same(pkg.Value, { Amount: 44.98, Currency: { IsoCode: 'GBP' } }, '19.99 × 2 + 5.00 × 1')
  t.same(pkg.Dimensions, { Unit: 'Cm', Length: 30, Width: 20, Height: 15 }, 'the default parcel: the items have no dimensions')
  t.equal(pkg.Description, 'SKU-A, Mug', 'the items\' descriptions, the SKU where there is none')
  t.same(pkg.Items, [
    { Sku: 'SKU-A', Quantity: 1, Weight: { Value: 1.25, Unit: 'Kg' }, Value: { Amount: 5, Currency: { IsoCode: 'GBP' } } },
    {
      Sku: 'SKU-B',
      Quantity: 2,
      Description: 'Mug',
      Weight: { Value: 0.4, Unit: 'Kg' },
      Value: { Amount: 19.99, Currency: { IsoCode: 'GBP' } },
      CountryOfOrigin: { IsoCode: { TwoLetterCode: 'GB' } },
      HarmonisationCode: '691200'
    }
  ])
  t.same(body.Addresses, [
    { AddressType: 'Origin', ShippingLocationReference: DEFAULT_LOCATION },
    {
      AddressType: 'Destination',
      Contact: { Title: 'Mx', FirstName: 'Ada', LastName: 'King Lovelace', Telephone: '07700900123', Email: 'ada@example.com' },
      CompanyName: 'Analytical Engines Ltd',
      AddressLine1: '1 Analytical Way',
      AddressLine2: 'Islington',
      Town: 'London',
      Region: 'Greater London',
      Postcode: 'N1 9GU',
      Country: { IsoCode: { TwoLetterCode: 'GB' } },
      SpecialInstructions: 'Leave with the porter'
    }
  ])
  t.equal(body.GuaranteedOnly, true)
  t.equal(body.DeliveryDate, '2026-12-01T00:00:00+00:00', 'the last delivery date asked for')
  t.equal(body.Direction, 'Outbound')
})

t.test('weights default per unit and sums stay exact', async (t) => {
  const request = normaliseOptionsRequest(basket({
    items: [
      { sku: 'A', quantity: 3, unitPrice: { amount: '0.10', currency: 'GBP' } },
      { sku: 'B', quantity: 1, weightKg: 0.2, unitPrice: { amount: '0.20', currency: 'GBP' } }
    ]
  }), DEFAULT_LOCATION, 'GB')
  const body = buildDeliveryOptionsRequest(request, DEFAULTS, NOW)
  const pkg = body.Packages[0]!
  t.same(pkg.Weight, { Value: 1.7, Unit: 'Kg' }, 'README: items without a weight count 0.5 kg each; 0.5 × 3 + 0.2')
  t.equal(pkg.Value?.Amount, 0.5, '0.10 × 3 + 0.20, without floating-point drift')
  t.equal(body.DeliveryDate, undefined, 'no date range, no DeliveryDate')
})

t.test('the package description is bounded: the items\' descriptions once each, cut at 50 characters', async (t) => {
  const price = { amount: '1.00', currency: 'GBP' }
  const describe = (items: OptionsRequest['items']) =>
    buildDeliveryOptionsRequest(normaliseOptionsRequest(basket({ items }), DEFAULT_LOCATION, 'GB'), DEFAULTS, NOW).Packages[0]!.Description
  t.equal(describe([{ sku: 'A', quantity: 2, unitPrice: price, description: 'Teapot' }]), 'Teapot')
  t.equal(describe([{ sku: 'A', quantity: 1, unitPrice: price, description: 'Cup' }, { sku: 'B', quantity: 1, unitPrice: price, description: 'Cup' }]), 'Cup')
  t.equal(describe([
    { sku: 'A', quantity: 1, unitPrice: price, description: 'Porcelain teapot with bamboo handle' },
    { sku: 'B', quantity: 1, unitPrice: price, description: 'Matching cups and saucers' }
  ]), 'Porcelain teapot with bamboo handle, Matching c...')
})

t.test('package dimensions are the items stacked when every item has dimensions, else the default parcel', async (t) => {
  const sized = normaliseOptionsRequest(basket({
    items: [
      { sku: 'A', quantity: 2, unitPrice: { amount: '1.00', currency: 'GBP' }, dimensionsCm: { length: 30, width: 20, height: 5 } },
      { sku: 'B', quantity: 1, unitPrice: { amount: '1.00', currency: 'GBP' }, dimensionsCm: { length: 10, width: 25, height: 8 } }
    ]
  }), DEFAULT_LOCATION, 'GB')
  const pkg = buildDeliveryOptionsRequest(sized, DEFAULTS, NOW).Packages[0]!
  t.same(pkg.Dimensions, { Unit: 'Cm', Length: 30, Width: 25, Height: 18 })
  t.same(pkg.Items?.[0]?.Dimensions, { Unit: 'Cm', Length: 30, Width: 20, Height: 5 })

  const price = { amount: '1.00', currency: 'GBP' }
  const partly = normaliseOptionsRequest(basket({ items: [{ sku: 'A', quantity: 1, unitPrice: price, dimensionsCm: { length: 1, width: 1, height: 1 } }, { sku: 'B', quantity: 1, unitPrice: price }] }), DEFAULT_LOCATION, 'GB')
  t.same(buildDeliveryOptionsRequest(partly, DEFAULTS, NOW).Packages[0]!.Dimensions, { Unit: 'Cm', Length: 30, Width: 20, Height: 15 })
  const bySize = buildDeliveryOptionsRequest(partly, { ...DEFAULTS, parcel: { packageSizeReference: 'SMALL_PARCEL' } }, NOW).Packages[0]!
  t.equal(bySize.PackageSizeReference, 'SMALL_PARCEL', 'a default PRO package size instead')
  t.notOk('Dimensions' in bySize)
  t.same(bySize.Weight, { Value: 1, Unit: 'Kg' }, 'with the weight of the items')
})

t.test('the pickup body adds the radius in km and the result cap', async (t) => {
  const request = normaliseOptionsRequest(basket({ include: ['pickup'], pickupRadiusKm: 2.5, maxPickupPoints: 4 }), DEFAULT_LOCATION, 'GB')
  const body = buildPickupOptionsRequest(request, DEFAULTS, NOW)
  t.same(schemaProblems(PickupOptionsRequest, body), [], 'matches PRO\'s request schema')
  t.same(body.Distance, { Unit: 'Km', Value: 2.5 })
  t.equal(body.MaxResults, 4)
  t.same(body.Packages, buildDeliveryOptionsRequest(request, DEFAULTS, NOW).Packages, 'the same basket as the delivery body')
})

t.test('a single-word name is the contact\'s first name; a title given is sent instead of the default', async (t) => {
  const request = normaliseOptionsRequest(basket({ destination: { ...basket().destination, name: 'Prince' } }), DEFAULT_LOCATION, 'GB')
  t.same(buildDeliveryOptionsRequest(request, DEFAULTS, NOW).Addresses[1]?.Contact, { Title: 'Mx', FirstName: 'Prince', Telephone: '07700900123', Email: 'ada@example.com' })
  const titled = normaliseOptionsRequest(basket({ destination: { ...basket().destination, title: ' Dr ' } }), DEFAULT_LOCATION, 'GB')
  t.equal(buildDeliveryOptionsRequest(titled, DEFAULTS, NOW).Addresses[1]?.Contact?.Title, 'Dr')
})

t.test('a basket for abroad needs each item\'s origin, HS code and description, and is declared with the configured customs data', async (t) => {
  const paris = { ...basket().destination, town: 'Paris', postcode: '75001', countryCode: 'FR' }
  t.same(validationFields(() => normaliseOptionsRequest(basket({ destination: paris }), DEFAULT_LOCATION, 'GB')).sort(), [
    '/body/items/1/countryOfOrigin', '/body/items/1/description', '/body/items/1/hsCode'
  ], 'the second item has none of them')
  const blankHs = basket({ destination: paris })
  blankHs.items = [{ ...blankHs.items[0]!, hsCode: ' ' }]
  t.same(validationFields(() => normaliseOptionsRequest(blankHs, DEFAULT_LOCATION, 'GB')), ['/body/items/0/hsCode'], 'blank counts as missing')
  t.same(validationFields(() => normaliseOptionsRequest(basket({ destination: paris }), DEFAULT_LOCATION, 'FR')), [], 'domestic when the shipping locations are in France')

  const complete = basket({ destination: paris })
  complete.items[1] = { ...complete.items[1]!, description: 'Saucer', countryOfOrigin: 'CN', hsCode: '691200' }
  const body = buildDeliveryOptionsRequest(normaliseOptionsRequest(complete, DEFAULT_LOCATION, 'GB'), DEFAULTS, NOW)
  t.same(schemaProblems(DeliveryOptionsRequest, body), [])
  t.strictSame(body.CustomsDocumentation, { CategoryType: 'SaleOfGoods', DeclarationDate: '2026-11-23T00:00:00+00:00', ReasonForExport: 'Sale', ShippingTerms: 'DAP' })
  t.same(body.Packages[0]!.Items!.map((item) => [item.Sku, item.CountryOfOrigin?.IsoCode?.TwoLetterCode, item.HarmonisationCode]), [
    ['SKU-A', 'CN', '691200'], ['SKU-B', 'GB', '691200']
  ])
  t.equal(buildDeliveryOptionsRequest(normaliseOptionsRequest(basket(), DEFAULT_LOCATION, 'GB'), DEFAULTS, NOW).CustomsDocumentation, undefined, 'none within GB')
})
