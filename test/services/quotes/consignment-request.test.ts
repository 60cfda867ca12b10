import t from 'tap'
import type { CreateConsignment } from '../../../src/schemas/consignments.js'
import { CreateConsignmentRequest } from '../../../src/services/pro/schemas/consignments.js'
import { schemaProblems } from '../../../src/services/pro/validation.js'
import { buildCreateRequest, isInternational, requestProblems } from '../../../src/services/quotes/consignment-request.js'

const destination = { name: 'Jean Pierre Dupont', email: 'jean@example.com', phone: '+33612345678', addressLines: ['8 Rue de Rivoli', 'Bâtiment B'], town: 'Paris', postcode: '75001', countryCode: 'FR', instructions: 'Code 1234' }
const request: CreateConsignment = {
  reference: 'CC-1',
  origin: { shippingLocation: 'EDC5_Electio' },
  destination,
  packages: [{
    weightKg: 1.3,
    dimensionsCm: { length: 30, width: 20, height: 15 },
    value: { amount: '45.00', currency: 'GBP' },
    description: 'Teapots',
    items: [{ sku: 'SKU-1', quantity: 2, description: 'Teapot', value: { amount: '22.50', currency: 'GBP' }, weightKg: 0.6, countryOfOrigin: 'GB', hsCode: '691200' }]
  }],
  customs: { category: 'SaleOfGoods', reasonForExport: 'Sale', shippingTerms: 'DAP', invoiceDate: '2026-11-23', invoiceNumber: 'INV-7', shipperVatNumber: 'GB123', receiverVatNumber: 'FR456', shipperEori: 'GB123456789000', receiverEori: 'FR999' },
  shippingDate: '2026-11-24',
  metadata: { agent: 'jsmith' },
  tags: ['Fragile']
}

t.test('a request maps to a PRO Create Consignment body that PRO\'s schema accepts', async (t) => {
  const body = buildCreateRequest(request, 'Mx')
  t.same(schemaProblems(CreateConsignmentRequest, body), [])
  t.match(body, {
    ConsignmentReferenceProvidedByCustomer: 'CC-1',
    Direction: 'Outbound',
    ShippingDate: '2026-11-24T00:00:00+00:00',
    Tags: ['Fragile']
  })
  t.same(body.Addresses[0], { AddressType: 'Origin', ShippingLocationReference: 'EDC5_Electio' }, 'an origin by location carries only its reference')
  t.same(body.Addresses[1], {
    AddressType: 'Destination',
    Contact: { Title: 'Mx', FirstName: 'Jean', LastName: 'Pierre Dupont', Telephone: '+33612345678', Email: 'jean@example.com' },
    AddressLine1: '8 Rue de Rivoli',
    AddressLine2: 'Bâtiment B',
    Town: 'Paris',
    Postcode: '75001',
    Country: { IsoCode: { TwoLetterCode: 'FR' } },
    SpecialInstructions: 'Code 1234'
  })
  t.same(body.Packages[0], {
    Weight: { Value: 1.3, Unit: 'Kg' },
    Dimensions: { Unit: 'Cm', Length: 30, Width: 20, Height: 15 },
    Value: { Amount: 45, Currency: { IsoCode: 'GBP' } },
    Description: 'Teapots',
    Items: [{ Sku: 'SKU-1', Quantity: 2, Description: 'Teapot', Value: { Amount: 22.5, Currency: { IsoCode: 'GBP' } }, Weight: { Value: 0.6, Unit: 'Kg' }, CountryOfOrigin: { IsoCode: { TwoLetterCode: 'GB' } }, HarmonisationCode: '691200' }]
  })
  t.same(body.CustomsDocumentation, {
    CategoryType: 'SaleOfGoods',
    ReasonForExport: 'Sale',
    ShippingTerms: 'DAP',
    InvoiceDate: '2026-11-23T00:00:00+00:00',
    DeclarationDate: '2026-11-23T00:00:00+00:00',
    ReferencesOfAttachedInvoices: ['INV-7'],
    ShippersVatNumber: 'GB123',
    ReceiversVatNumber: 'FR456'
  })
  t.same(body.MetaData, [
    { KeyValue: 'agent', StringValue: 'jsmith' },
    { KeyValue: 'ShippersEORI', StringValue: 'GB123456789000' },
    { KeyValue: 'ReceiversEORI', StringValue: 'FR999' }
  ], 'EORI numbers travel as metadata, where PRO reads the shipper\'s')
})

t.test('a minimal domestic request sends no empty parts', async (t) => {
  const minimal: CreateConsignment = {
    reference: 'CC-2',
    origin: { shippingLocation: 'WH_BRISTOL', title: 'Mr', name: 'Shop', email: 'shop@example.com', addressLines: ['1 High St'], town: 'Bristol', postcode: 'BS1 1AA', countryCode: 'GB' },
    destination: { name: 'Ada', email: 'ada@example.com', addressLines: ['1 Row'], town: 'London', postcode: 'N1 9GU', countryCode: 'GB' },
    packages: [{ weightKg: 1, dimensionsCm: { length: 1, width: 1, height: 1 }, value: { amount: '1.00', currency: 'GBP' }, description: 'Box' }]
  }
  const body = buildCreateRequest(minimal, 'Mx')
  t.same(schemaProblems(CreateConsignmentRequest, body), [])
  t.notOk('CustomsDocumentation' in body)
  t.notOk('MetaData' in body)
  t.notOk('Tags' in body)
  t.notOk('Items' in body.Packages[0]!)
  t.match(body.Addresses[0], { AddressType: 'Origin', ShippingLocationReference: 'WH_BRISTOL', AddressLine1: '1 High St', Contact: { Title: 'Mr', FirstName: 'Shop', Email: 'shop@example.com' } })
  t.same(requestProblems(minimal, isInternational(minimal, 'GB')), [])
})

t.test('international is decided by the origin country: the sender address\'s, else the shipping locations\'', async (t) => {
  t.equal(isInternational(request, 'GB'), true)
  t.equal(isInternational(request, 'FR'), false)
  t.equal(isInternational({ ...request, origin: { ...request.origin, countryCode: 'FR' } }, 'GB'), false)
})

t.test('an international request names every missing customs field', async (t) => {
  const bare: CreateConsignment = {
    ...request,
    customs: { reasonForExport: 'Sale' },
    packages: [
      { ...request.packages[0]!, items: [{ sku: 'A', quantity: 1, description: 'A', hsCode: '691200' }] },
      { ...request.packages[0]!, items: [] }
    ]
  }
  t.same(requestProblems(bare, true).map((p) => p.field), [
    '/body/customs/category',
    '/body/customs/shippingTerms',
    '/body/customs/invoiceDate',
    '/body/packages/0/items/0/countryOfOrigin',
    '/body/packages/0/items/0/value',
    '/body/packages/1/items'
  ])
  t.same(requestProblems(bare, false), [], 'a domestic one needs none of it')
})
