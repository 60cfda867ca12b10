import { Type, type Static, type TSchema } from '@sinclair/typebox'

/**
 * Request bodies as the simulator accepts them: PRO's field names. Fields the docs do not list for a
 * request are ignored, as PRO ignores them (they are left out here, so no code can act on them).
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
const Maybe = <T extends TSchema>(schema: T) => Type.Optional(Nullable(schema))

const WeightSchema = Type.Object({ Value: Type.Number({ minimum: 0 }), Unit: Maybe(Type.String()) })
const DimensionsSchema = Type.Object({ Unit: Maybe(Type.String()), Width: Type.Number({ minimum: 0 }), Length: Type.Number({ minimum: 0 }), Height: Type.Number({ minimum: 0 }) })
const MoneySchema = Type.Object({ Amount: Type.Number({ minimum: 0 }), Currency: Maybe(Type.Object({ IsoCode: Type.String({ minLength: 3, maxLength: 3 }) })) })
const CountrySchema = Type.Object({ Name: Maybe(Type.String()), IsoCode: Type.Object({ TwoLetterCode: Type.String({ minLength: 2, maxLength: 2 }) }) })
const ItemCountrySchema = Type.Object({ IsoCode: Maybe(Type.Object({ TwoLetterCode: Maybe(Type.String()) })) })

const MetaDataSchema = Type.Array(Type.Object({
  KeyValue: Type.String({ minLength: 1 }),
  StringValue: Maybe(Type.String()),
  IntValue: Maybe(Type.Integer()),
  DecimalValue: Maybe(Type.Number()),
  DateTimeValue: Maybe(Type.String()),
  BoolValue: Maybe(Type.Boolean())
}))

const ContactSchema = Type.Object({
  Title: Maybe(Type.String()),
  FirstName: Maybe(Type.String()),
  LastName: Maybe(Type.String()),
  Telephone: Maybe(Type.String()),
  Mobile: Maybe(Type.String()),
  LandLine: Maybe(Type.String()),
  Email: Maybe(Type.String())
})

const AddressSchema = Type.Object({
  AddressType: Type.String({ minLength: 1 }),
  ShippingLocationReference: Maybe(Type.String()),
  Contact: Maybe(ContactSchema),
  CompanyName: Maybe(Type.String()),
  AddressLine1: Maybe(Type.String()),
  AddressLine2: Maybe(Type.String()),
  AddressLine3: Maybe(Type.String()),
  Town: Maybe(Type.String()),
  Region: Maybe(Type.String()),
  RegionCode: Maybe(Type.String()),
  Postcode: Maybe(Type.String()),
  Country: Maybe(CountrySchema),
  SpecialInstructions: Maybe(Type.String()),
  LatLong: Maybe(Type.Object({ Latitude: Type.Number(), Longitude: Type.Number() })),
  IsCached: Maybe(Type.Boolean())
})
export type AddressInput = Static<typeof AddressSchema>
/** `POST`/`PUT /orders/{ref}/address`: one address (PRO-API.md §7.2). */
export const OrderAddressBodySchema = AddressSchema

const ItemSchema = Type.Object({
  Sku: Maybe(Type.String()),
  Model: Maybe(Type.String()),
  Description: Maybe(Type.String()),
  CountryOfOrigin: Maybe(ItemCountrySchema),
  HarmonisationCode: Maybe(Type.String()),
  Weight: Maybe(WeightSchema),
  Dimensions: Maybe(DimensionsSchema),
  Value: Maybe(MoneySchema),
  ItemReferenceProvidedByCustomer: Maybe(Type.String()),
  MetaData: Maybe(MetaDataSchema),
  Quantity: Maybe(Type.Integer({ minimum: 1 }))
})
export type ItemInput = Static<typeof ItemSchema>

/** PRO-API.md §5; which fields a shipment must carry is decided in customs-rules.ts, not here. */
const CustomsDocumentationSchema = Type.Object({
  DesignatedPersonResponsible: Maybe(Type.String()),
  ImportersVatNumber: Maybe(Type.String()),
  CategoryType: Maybe(Type.String()),
  ShipperCustomsReference: Maybe(Type.String()),
  ImportersTaxCode: Maybe(Type.String()),
  ImportersTelephone: Maybe(Type.String()),
  ImportersFax: Maybe(Type.String()),
  ImportersEmail: Maybe(Type.String()),
  CN23Comments: Maybe(Type.String()),
  ReferencesOfAttachedInvoices: Maybe(Type.Array(Type.String())),
  ReferencesOfAttachedCertificates: Maybe(Type.Array(Type.String())),
  ReferencesOfAttachedLicences: Maybe(Type.Array(Type.String())),
  CategoryTypeExplanation: Maybe(Type.String()),
  DeclarationDate: Maybe(Type.String()),
  OfficeOfPosting: Maybe(Type.String()),
  ReasonForExport: Maybe(Type.String()),
  ShippingTerms: Maybe(Type.String()),
  ShippersVatNumber: Maybe(Type.String()),
  ReceiversTaxCode: Maybe(Type.String()),
  ReceiversVatNumber: Maybe(Type.String()),
  InvoiceDate: Maybe(Type.String()),
  ReceiversShippingCost: Maybe(Type.Unknown())
})
export type CustomsDocumentationInput = Static<typeof CustomsDocumentationSchema>

const PackageSchema = Type.Object({
  Items: Maybe(Type.Array(ItemSchema)),
  PackageReferenceProvidedByCustomer: Maybe(Type.String()),
  Weight: Maybe(WeightSchema),
  Dimensions: Maybe(DimensionsSchema),
  Description: Maybe(Type.String()),
  Value: Maybe(MoneySchema),
  PackageSizeReference: Maybe(Type.String()),
  MetaData: Maybe(MetaDataSchema)
})
export type PackageInput = Static<typeof PackageSchema>

const shipmentFields = {
  ConsignmentReferenceProvidedByCustomer: Maybe(Type.String()),
  ShippingDate: Maybe(Type.String()),
  RequestedDeliveryDate: Maybe(Type.Object({ Date: Type.String(), IsToBeExactlyOnTheDateSpecified: Maybe(Type.Boolean()) })),
  Packages: Type.Array(PackageSchema, { minItems: 1 }),
  Addresses: Type.Array(AddressSchema, { minItems: 1 }),
  CustomsDocumentation: Maybe(CustomsDocumentationSchema),
  MetaData: Maybe(MetaDataSchema),
  Source: Maybe(Type.String()),
  Direction: Maybe(Type.String()),
  Tags: Maybe(Type.Array(Type.String()))
}

export const ConsignmentBodySchema = Type.Object(shipmentFields)
export type ConsignmentBody = Static<typeof ConsignmentBodySchema>

export const DeliveryOptionsBodySchema = Type.Object({
  ...shipmentFields,
  DeliveryDate: Maybe(Type.String()),
  GuaranteedOnly: Maybe(Type.Boolean())
})
export type DeliveryOptionsBody = Static<typeof DeliveryOptionsBodySchema>

export const PickupOptionsBodySchema = Type.Object({
  ...DeliveryOptionsBodySchema.properties,
  Distance: Type.Object({ Unit: Maybe(Type.String()), Value: Type.Number({ exclusiveMinimum: 0 }) }),
  MaxResults: Type.Integer({ minimum: 1, maximum: 50 })
})
export type PickupOptionsBody = Static<typeof PickupOptionsBodySchema>

export const SelectOrderBodySchema = Type.Object({
  DeliveryOptions: Type.Array(Type.Object({
    Reference: Type.String({ minLength: 1 }),
    OrderReferenceProvidedByCustomer: Maybe(Type.String()),
    MetaData: Maybe(MetaDataSchema)
  }), { minItems: 1 })
})

const PackItemSchema = Type.Object({
  Reference: Maybe(Type.String()),
  ItemReferenceProvidedByCustomer: Maybe(Type.String()),
  Sku: Maybe(Type.String()),
  Quantity: Maybe(Type.Integer({ minimum: 1 }))
})
export type PackItemInput = Static<typeof PackItemSchema>

export const PackBodySchema = Type.Object({
  OrderReference: Maybe(Type.String()),
  OrderReferenceProvidedByCustomer: Maybe(Type.String()),
  GenerateReturn: Maybe(Type.Boolean()),
  Packages: Type.Array(Type.Object({
    Dimensions: Maybe(DimensionsSchema),
    Weight: Maybe(WeightSchema),
    PackageSizeReference: Maybe(Type.String()),
    Description: Maybe(Type.String()),
    Value: Maybe(MoneySchema),
    Items: Type.Array(PackItemSchema, { minItems: 1 })
  }), { minItems: 1 }),
  MetaData: Maybe(MetaDataSchema),
  CustomsDocumentation: Maybe(CustomsDocumentationSchema),
  Tags: Maybe(Type.Array(Type.String()))
})
export type PackBody = Static<typeof PackBodySchema>

export const ConsignmentReferencesBodySchema = Type.Object({ ConsignmentReferences: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }) })
export const CarrierServiceBodySchema = Type.Object({
  MpdCarrierServiceReference: Type.String({ minLength: 1 }),
  ConsignmentReferences: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })
})
export const ReferenceListBodySchema = Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })

const StringOrList = Type.Union([Type.String(), Type.Array(Type.String())])
export const ManifestQueryBodySchema = Type.Object({
  ShippingLocationReferences: Maybe(StringOrList),
  ShippingLocationReference: Maybe(StringOrList),
  States: Maybe(Type.Array(Type.String())),
  Carriers: Maybe(Type.Array(Type.String())),
  LabelsPrinted: Maybe(Type.Boolean()),
  ShippingDate: Maybe(Type.String())
})
export type ManifestQueryBody = Static<typeof ManifestQueryBodySchema>
