import { Type, type Static } from '@sinclair/typebox'
import {
  Barcode, Country, Dimensions, IsoCountryCode, Maybe, MetaData, Money, ReportedWeight, Tags, Weight
} from './common.js'

/*
 * The consignment-like parts (addresses, packages, items, customs data) that options, orders and
 * consignments share. `…Input` shapes are what we send; the plain names are what PRO answers.
 */

const OptionalString = () => Type.Optional(Type.String())

export const ContactInput = Type.Object({
  Title: OptionalString(),
  FirstName: OptionalString(),
  LastName: OptionalString(),
  Telephone: OptionalString(),
  Mobile: OptionalString(),
  LandLine: OptionalString(),
  Email: OptionalString()
})

export const LatLong = Type.Object({
  Latitude: Type.Number(),
  Longitude: Type.Number()
})

/** An origin given as a shipping location needs only `AddressType` + `ShippingLocationReference`. */
export const AddressInput = Type.Object({
  AddressType: Type.String(),
  ShippingLocationReference: OptionalString(),
  Contact: Type.Optional(ContactInput),
  CompanyName: OptionalString(),
  AddressLine1: OptionalString(),
  AddressLine2: OptionalString(),
  AddressLine3: OptionalString(),
  Town: OptionalString(),
  Region: OptionalString(),
  RegionCode: OptionalString(),
  Postcode: OptionalString(),
  Country: Type.Optional(Country),
  SpecialInstructions: OptionalString(),
  LatLong: Type.Optional(LatLong),
  IsCached: Type.Optional(Type.Boolean())
})
export type AddressInput = Static<typeof AddressInput>

const MaybeString = () => Maybe(Type.String())

export const Contact = Type.Object({
  Reference: MaybeString(),
  Title: MaybeString(),
  FirstName: MaybeString(),
  LastName: MaybeString(),
  Position: MaybeString(),
  Telephone: MaybeString(),
  Mobile: MaybeString(),
  LandLine: MaybeString(),
  Email: MaybeString()
})

export const Address = Type.Object({
  AddressType: MaybeString(),
  ShippingLocationReference: MaybeString(),
  ShopLocationReference: MaybeString(),
  Contact: Maybe(Contact),
  CompanyName: MaybeString(),
  CustomerName: MaybeString(),
  AddressLine1: MaybeString(),
  AddressLine2: MaybeString(),
  AddressLine3: MaybeString(),
  Town: MaybeString(),
  Region: MaybeString(),
  RegionCode: MaybeString(),
  Postcode: MaybeString(),
  Country: Maybe(Country),
  SpecialInstructions: MaybeString(),
  LatLong: Maybe(LatLong),
  IsCached: Maybe(Type.Boolean())
})
export type Address = Static<typeof Address>

const CountryOfOrigin = Type.Object({ Name: MaybeString(), IsoCode: IsoCountryCode })

export const ItemInput = Type.Object({
  Sku: OptionalString(),
  Model: OptionalString(),
  Description: OptionalString(),
  CountryOfOrigin: Type.Optional(CountryOfOrigin),
  HarmonisationCode: OptionalString(),
  HarmonisationKeyWords: Type.Optional(Type.Array(Type.String())),
  Weight: Type.Optional(Weight),
  Dimensions: Type.Optional(Dimensions),
  Value: Type.Optional(Money),
  ItemReferenceProvidedByCustomer: OptionalString(),
  Barcode: Type.Optional(Barcode),
  MetaData: Type.Optional(MetaData),
  Quantity: Type.Optional(Type.Integer({ minimum: 1 })),
  Unit: OptionalString(),
  ContentClassification: OptionalString(),
  ContentClassificationDetails: OptionalString()
})
export type ItemInput = Static<typeof ItemInput>

export const Item = Type.Object({
  Reference: MaybeString(),
  Sku: MaybeString(),
  Model: MaybeString(),
  Description: MaybeString(),
  CountryOfOrigin: Maybe(CountryOfOrigin),
  HarmonisationCode: MaybeString(),
  HarmonisationKeyWords: Maybe(Type.Array(Type.String())),
  Weight: Maybe(Weight),
  Dimensions: Maybe(Dimensions),
  Value: Maybe(Money),
  ItemReferenceProvidedByCustomer: MaybeString(),
  Barcode: Maybe(Barcode),
  MetaData: Maybe(MetaData),
  Quantity: Maybe(Type.Integer()),
  Unit: MaybeString(),
  ContentClassification: MaybeString(),
  ContentClassificationDetails: MaybeString()
})
export type Item = Static<typeof Item>

/** Weight + dimensions, or a `PackageSizeReference` instead. */
export const PackageInput = Type.Object({
  Items: Type.Optional(Type.Array(ItemInput)),
  PackageReferenceProvidedByCustomer: OptionalString(),
  Weight: Type.Optional(Weight),
  Dimensions: Type.Optional(Dimensions),
  PackageSizeReference: OptionalString(),
  Description: OptionalString(),
  Value: Type.Optional(Money),
  Barcode: Type.Optional(Barcode),
  MetaData: Type.Optional(MetaData)
})
export type PackageInput = Static<typeof PackageInput>

export const Package = Type.Object({
  Reference: MaybeString(),
  Items: Maybe(Type.Array(Item)),
  PackageReferenceProvidedByCustomer: MaybeString(),
  Weight: Maybe(ReportedWeight),
  Dimensions: Maybe(Dimensions),
  PackageSizeReference: MaybeString(),
  Description: MaybeString(),
  Value: Maybe(Money),
  Barcode: Maybe(Barcode),
  MetaData: Maybe(MetaData),
  ConsignmentLegs: Maybe(Type.Array(Type.Unknown())),
  Charges: Maybe(Type.Array(Type.Unknown()))
})
export type Package = Static<typeof Package>

export const CustomsDocumentation = Type.Object({
  DesignatedPersonResponsible: MaybeString(),
  ImportersVatNumber: MaybeString(),
  CategoryType: MaybeString(),
  ShipperCustomsReference: MaybeString(),
  ImportersTaxCode: MaybeString(),
  ImportersTelephone: MaybeString(),
  ImportersFax: MaybeString(),
  ImportersEmail: MaybeString(),
  CN23Comments: MaybeString(),
  ReferencesOfAttachedInvoices: Maybe(Type.Array(Type.String())),
  ReferencesOfAttachedCertificates: Maybe(Type.Array(Type.String())),
  ReferencesOfAttachedLicences: Maybe(Type.Array(Type.String())),
  CategoryTypeExplanation: MaybeString(),
  DeclarationDate: MaybeString(),
  OfficeOfPosting: MaybeString(),
  ReasonForExport: MaybeString(),
  ShippingTerms: MaybeString(),
  ShippersVatNumber: MaybeString(),
  ReceiversTaxCode: MaybeString(),
  ReceiversVatNumber: MaybeString(),
  InvoiceDate: MaybeString(),
  ReceiversShippingCost: Maybe(Type.Unknown())
})
export type CustomsDocumentation = Static<typeof CustomsDocumentation>

/** The fields every consignment-like request body (options, create consignment) carries. */
export const ShipmentFields = {
  ConsignmentReferenceProvidedByCustomer: OptionalString(),
  Source: OptionalString(),
  ShippingDate: OptionalString(),
  Packages: Type.Array(PackageInput, { minItems: 1 }),
  Addresses: Type.Array(AddressInput, { minItems: 1 }),
  CustomsDocumentation: Type.Optional(CustomsDocumentation),
  MetaData: Type.Optional(MetaData),
  Direction: OptionalString(),
  Tags: Type.Optional(Tags)
}

export const RequestedDeliveryDate = Type.Object({
  Date: Type.String(),
  IsToBeExactlyOnTheDateSpecified: Maybe(Type.Boolean()),
  DeliveryWindow: Maybe(Type.Unknown())
})
