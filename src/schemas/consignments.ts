import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { AddressSchema, CountryCode, DateString, DecimalString, EmailSchema, InstantString, MoneySchema, PriceSchema } from './common.js'

/* Shapes of the staff Quotes flow: create a consignment, quote it, allocate with a quote, print. */

const ShippingLocation = Type.String({ minLength: 1, maxLength: 64, description: 'PRO shipping location reference', examples: ['EDC5_Electio'] })

const optional = AddressSchema.properties
export const OriginSchema = Type.Object({
  shippingLocation: ShippingLocation,
  title: optional.title,
  name: Type.Optional(optional.name),
  email: Type.Optional(optional.email),
  phone: Type.Optional(optional.phone),
  company: Type.Optional(optional.company),
  addressLines: Type.Optional(optional.addressLines),
  town: Type.Optional(optional.town),
  region: Type.Optional(optional.region),
  postcode: Type.Optional(optional.postcode),
  countryCode: Type.Optional(optional.countryCode)
}, {
  description: 'Where the consignment leaves from: `{ shippingLocation }`, or a full sender address (name, email, addressLines, town, ' +
    'postcode, countryCode) together with the shipping location it is collected under. PRO needs one end of every consignment ' +
    'to be one of the account\'s shipping locations; its collection calendar, carriers and manifest batch apply.'
})
export type Origin = Static<typeof OriginSchema>

export const ItemSchema = Type.Object({
  sku: Type.String({ minLength: 1, maxLength: 64 }),
  quantity: Type.Integer({ minimum: 1, maximum: 9999 }),
  description: Type.String({ minLength: 1, maxLength: 200 }),
  value: Type.Optional(Type.Object(MoneySchema.properties, { description: 'value of one unit' })),
  weightKg: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000, description: 'weight of one unit' })),
  countryOfOrigin: Type.Optional(CountryCode),
  hsCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,10}$', description: 'harmonised system code' }))
}, { description: 'value, countryOfOrigin and hsCode are required for international consignments' })

export const PackageSchema = Type.Object({
  weightKg: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
  dimensionsCm: Type.Object({
    length: Type.Number({ exclusiveMinimum: 0, maximum: 500 }),
    width: Type.Number({ exclusiveMinimum: 0, maximum: 500 }),
    height: Type.Number({ exclusiveMinimum: 0, maximum: 500 })
  }),
  value: MoneySchema,
  description: Type.String({ minLength: 1, maxLength: 200 }),
  items: Type.Optional(Type.Array(ItemSchema, { maxItems: 100 }))
})

export const CustomsCategories = ['None', 'Gift', 'CommercialSample', 'Documents', 'Other', 'ReturnedGoods', 'SaleOfGoods', 'Personal'] as const
export const ShippingTerms = ['None', 'EXW', 'FCA', 'CPT', 'CIP', 'DAT', 'DAP', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF', 'DDU'] as const

const Text = (maxLength: number) => Type.Optional(Type.String({ minLength: 1, maxLength }))

export const CustomsSchema = Type.Object({
  category: Type.Optional(Type.Union(CustomsCategories.map((c) => Type.Literal(c)), { description: 'PRO CategoryType' })),
  categoryExplanation: Text(200),
  reasonForExport: Text(100),
  shippingTerms: Type.Optional(Type.Union(ShippingTerms.map((c) => Type.Literal(c)), { description: 'Incoterm' })),
  invoiceDate: Type.Optional(DateString),
  invoiceNumber: Text(50),
  shipperVatNumber: Text(40),
  receiverVatNumber: Text(40),
  shipperEori: Text(40),
  receiverEori: Text(40),
  shipperCustomsReference: Text(50),
  designatedPersonResponsible: Text(120)
}, { description: 'Required for international consignments: category, reasonForExport, shippingTerms and invoiceDate' })
export type Customs = Static<typeof CustomsSchema>

export const CreateConsignmentSchema = Type.Object({
  reference: Type.String({ minLength: 1, maxLength: 50, pattern: '^\\S(.*\\S)?$', description: 'your own reference; posting it again answers the same consignment' }),
  origin: OriginSchema,
  destination: Type.Object({ ...AddressSchema.properties, email: EmailSchema }, { description: 'the email is required: PRO\'s Create Consignment contact has one' }),
  packages: Type.Array(PackageSchema, { minItems: 1, maxItems: 50 }),
  customs: Type.Optional(CustomsSchema),
  shippingDate: Type.Optional(DateString),
  metadata: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,40}$' }), Type.String({ maxLength: 200 }), { description: 'string map stored and sent to PRO' })),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20, uniqueItems: true, description: 'PRO allocation tags' }))
}, {
  examples: [{
    reference: 'CC-2026-000123',
    origin: { shippingLocation: 'EDC5_Electio' },
    destination: { name: 'Jean Dupont', email: 'jean@example.com', phone: '+33612345678', addressLines: ['8 Rue de Rivoli'], town: 'Paris', postcode: '75001', countryCode: 'FR' },
    packages: [{
      weightKg: 1.2,
      dimensionsCm: { length: 30, width: 20, height: 10 },
      value: { amount: '45.00', currency: 'GBP' },
      description: 'Teapot',
      items: [{ sku: 'SKU-TEAPOT', quantity: 1, description: 'Porcelain teapot', value: { amount: '45.00', currency: 'GBP' }, weightKg: 1.1, countryOfOrigin: 'GB', hsCode: '691200' }]
    }],
    customs: { category: 'SaleOfGoods', reasonForExport: 'Sale', shippingTerms: 'DAP', invoiceDate: '2026-11-23', shipperEori: 'GB123456789000' },
    metadata: { agent: 'jsmith' },
    tags: []
  }]
})
export type CreateConsignment = Static<typeof CreateConsignmentSchema>

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const AllocationSchema = Type.Object({
  quoteReference: Nullable(Type.String({ description: 'the quote it was allocated with; null when settled from PRO without one' })),
  carrier: Nullable(Type.String()),
  service: Nullable(Type.String()),
  serviceReference: Nullable(Type.String()),
  trackingReferences: Type.Array(Type.String()),
  price: Nullable(PriceSchema),
  allocatedAt: InstantString
})
export type Allocation = Static<typeof AllocationSchema>

export const ConsignmentViewSchema = Type.Object({
  reference: Type.String({ description: 'PRO consignment reference', examples: ['EC-000-05B-MMA'] }),
  customerReference: Type.String(),
  state: Type.String({ description: 'PRO consignment state (Unallocated, Allocated, Manifested, Cancelled…)' }),
  shippingLocation: Nullable(Type.String()),
  international: Type.Boolean(),
  destination: AddressSchema,
  allocation: Nullable(AllocationSchema),
  trackingReferences: Type.Array(Type.String()),
  label: Type.Object({ stored: Type.Array(Type.String(), { description: 'label formats stored; any format can be fetched once allocated' }) }),
  customsDocuments: Type.Object({ required: Type.Boolean(), stored: Type.Integer() }),
  manifestBatchId: Nullable(Type.String({ format: 'uuid' })),
  createdAt: InstantString,
  updatedAt: InstantString
}, {
  examples: [{
    reference: 'EC-000-05B-MMA',
    customerReference: 'CC-2026-000123',
    state: 'Allocated',
    shippingLocation: 'EDC5_Electio',
    international: false,
    destination: { name: 'Ada Lovelace', addressLines: ['12 Analytical Row'], town: 'London', postcode: 'N1 9GU', countryCode: 'GB' },
    allocation: {
      quoteReference: 'f63bd4ab-d519-4547-b361-aa3f00e9951a',
      carrier: 'Royal Mail',
      service: 'Tracked 48',
      serviceReference: 'MPD_RMT48',
      trackingReferences: ['RM123456789GB'],
      price: { net: '4.10', gross: '4.92', tax: '0.82', currency: 'GBP' },
      allocatedAt: '2026-11-23T10:15:00.000Z'
    },
    trackingReferences: ['RM123456789GB'],
    label: { stored: ['pdf'] },
    customsDocuments: { required: false, stored: 0 },
    manifestBatchId: null,
    createdAt: '2026-11-23T10:12:00.000Z',
    updatedAt: '2026-11-23T10:15:01.000Z'
  }]
})
export type ConsignmentView = Static<typeof ConsignmentViewSchema>

export const QuoteSchema = Type.Object({
  quoteReference: Type.String({ description: 'send it to POST /consignments/{reference}/allocation' }),
  carrier: Type.String(),
  service: Type.String(),
  serviceReference: Type.String(),
  collectionDate: Nullable(DateString),
  earliestDelivery: Nullable(InstantString),
  latestDelivery: Nullable(InstantString),
  price: PriceSchema,
  surcharges: Type.Array(Type.Object({ name: Type.String(), amount: Nullable(DecimalString) })),
  expiresAt: Type.Union([InstantString, Type.Null()], { description: 'after this the quote cannot be used' })
})
export type StaffQuote = Static<typeof QuoteSchema>

export const QuotesViewSchema = Type.Object({
  reference: Type.String(),
  quoteRequestReference: Nullable(Type.String()),
  quotes: Type.Array(QuoteSchema, { description: 'cheapest (gross) first' }),
  unavailable: Type.Array(Type.Object({ service: Type.String(), serviceReference: Nullable(Type.String()), reason: Type.String() })),
  message: Nullable(Type.String())
}, {
  examples: [{
    reference: 'EC-000-05B-1CM',
    quoteRequestReference: '6f9c7ee5-a97e-4df9-bc07-aa3f00e99316',
    quotes: [{
      quoteReference: 'f6374a18-a6b5-48c1-841c-aa3f00e9951a',
      carrier: 'ROYAL_MAIL',
      service: '1st and 2nd Class Account Mail (1st Parcel)',
      serviceReference: 'MPD_RMDBPR1STPSU',
      collectionDate: '2019-05-01',
      earliestDelivery: '2019-05-02T00:00:00+00:00',
      latestDelivery: '2019-05-02T23:59:00+00:00',
      price: { net: '27.69', gross: '33.23', tax: '5.54', currency: 'GBP' },
      surcharges: [],
      expiresAt: '2019-05-01T00:00:00+01:00'
    }],
    unavailable: [{ service: 'Next Day Monday - Saturday', serviceReference: 'MPD_MNZIS-00001', reason: 'This service is not available between the selected addresses.' }],
    message: null
  }]
})
export type QuotesView = Static<typeof QuotesViewSchema>

export const AllocateRequestSchema = Type.Object({
  quoteReference: Type.String({ minLength: 1, maxLength: 64, description: 'a quote from GET /consignments/{reference}/quotes' })
}, { examples: [{ quoteReference: 'f63bd4ab-d519-4547-b361-aa3f00e9951a' }] })

export const ReferenceParamsSchema = Type.Object({
  reference: Type.String({ pattern: '^EC-[A-Za-z0-9]{3}-[A-Za-z0-9]{3}-[A-Za-z0-9]{3}$', description: 'PRO consignment reference' })
})

export const LabelFormats = ['pdf', 'png', 'zpl', 'zplii'] as const
export type LabelFormatName = typeof LabelFormats[number]

export const LabelQuerySchema = Type.Object({
  format: Type.Optional(Type.Union(LabelFormats.map((f) => Type.Literal(f)), { default: 'pdf' }))
})

export const CustomsDocumentListSchema = Type.Object({
  required: Type.Boolean({ description: 'whether the consignment crosses a border' }),
  documents: Type.Array(Type.Object({
    name: Type.String(),
    type: Type.Union(['CommercialInvoice', 'CN22', 'CN23', 'Other'].map((k) => Type.Literal(k))),
    contentType: Type.String(),
    url: Type.String()
  }))
}, {
  examples: [{
    required: true,
    documents: [
      { name: 'INV_EC-000-05B-MMA', type: 'CommercialInvoice', contentType: 'application/pdf', url: '/consignments/EC-000-05B-MMA/customs-documents/INV_EC-000-05B-MMA' },
      { name: 'CN22_EC-000-05B-MMA', type: 'CN22', contentType: 'application/pdf', url: '/consignments/EC-000-05B-MMA/customs-documents/CN22_EC-000-05B-MMA' }
    ]
  }]
})
export type CustomsDocumentList = Static<typeof CustomsDocumentListSchema>

export const CustomsDocumentParamsSchema = Type.Object({
  reference: ReferenceParamsSchema.properties.reference,
  name: Type.String({ minLength: 1, maxLength: 120, pattern: '^[A-Za-z0-9_.-]+$' })
})

/** A file answer: the decoded bytes with their real content type. */
export const fileResponse = (description: string, types: readonly string[]) => ({
  description,
  content: Object.fromEntries(types.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]))
})
