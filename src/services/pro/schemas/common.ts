import { Type, type Static, type TSchema } from '@sinclair/typebox'

/*
 * Leaf objects shared by PRO's request and response bodies. Objects accept extra properties
 * (PRO adds fields over time); response-only fields are optional and nullable because the
 * vendor's examples send `null` for anything that is not set.
 */

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

/** A field PRO may omit or send as null. */
export const Maybe = <T extends TSchema>(schema: T) => Type.Optional(Nullable(schema))

/**
 * A list in an answer, which PRO may send as `null` when it is empty (its examples send null for
 * anything unset): read as `[]`, so `null` never turns "nothing found" into an invalid answer.
 * Types of schemas holding one are `StaticDecode<>` of them.
 */
export const List = <T extends TSchema>(schema: T) => Type.Transform(Type.Union([Type.Array(schema), Type.Null()]))
  .Decode((value) => value ?? [])
  .Encode((value) => value)

/** PRO answers a single object where the docs show a one-element array (and vice versa); a list may be null. */
export const OneOrMany = <T extends TSchema>(schema: T) => Type.Union([List(schema), schema])

export const IsoCountryCode = Type.Object({
  TwoLetterCode: Type.String(),
  ThreeLetterCode: Maybe(Type.String()),
  NumericCode: Maybe(Type.String())
})

export const Country = Type.Object({
  Name: Maybe(Type.String()),
  IsoCode: IsoCountryCode
})
export type Country = Static<typeof Country>

export const Currency = Type.Object({
  Name: Maybe(Type.String()),
  IsoCode: Type.String()
})

export const Money = Type.Object({
  Amount: Type.Number(),
  Currency
})
export type Money = Static<typeof Money>

/** Units are `Kg` in the docs, `kg|lbs` in the SDK: kept as strings. */
export const Weight = Type.Object({
  Value: Type.Number(),
  Unit: Type.String()
})
export type Weight = Static<typeof Weight>

/** Totals in responses come as `{Value, Unit}` or as `{Kg}` (existing delivery option). */
export const ReportedWeight = Type.Object({
  Value: Type.Optional(Type.Number()),
  Unit: Maybe(Type.String()),
  Kg: Type.Optional(Type.Number())
})

export const Dimensions = Type.Object({
  Unit: Type.String(),
  Width: Type.Number(),
  Length: Type.Number(),
  Height: Type.Number()
})
export type Dimensions = Static<typeof Dimensions>

export const MetaDataEntry = Type.Object({
  KeyValue: Type.String(),
  StringValue: Maybe(Type.String()),
  IntValue: Maybe(Type.Integer()),
  DecimalValue: Maybe(Type.Number()),
  DateTimeValue: Maybe(Type.String()),
  BoolValue: Maybe(Type.Boolean())
})
export const MetaData = Type.Array(MetaDataEntry)
export type MetaData = Static<typeof MetaData>

export const Tags = Type.Array(Type.String())

export const Barcode = Type.Object({
  Code: Type.String(),
  BarcodeType: Maybe(Type.String())
})

export const ApiLink = Type.Object({
  Rel: Maybe(Type.String()),
  Href: Type.String()
})
export type ApiLink = Static<typeof ApiLink>

export const TaxRate = Type.Object({
  Reference: Maybe(Type.String()),
  CountryIsoCode: Maybe(Type.String()),
  Type: Maybe(Type.String()),
  Rate: Type.Number()
})
export type TaxRate = Static<typeof TaxRate>

/** PRO names the tax parts `TaxRate`/`TaxAmount` on some endpoints and `VatRate`/`VatAmount` on others. */
export const Price = Type.Object({
  Net: Type.Number(),
  Gross: Type.Number(),
  TaxRate: Maybe(TaxRate),
  VatRate: Maybe(TaxRate),
  TaxAmount: Maybe(Type.Number()),
  VatAmount: Maybe(Type.Number()),
  Currency
})
export type Price = Static<typeof Price>

/** One entry of manifest, cancel-list, deallocate-list and ready-to-ship answers. */
export const BulkOperationResult = Type.Object({
  IsSuccess: Type.Boolean(),
  Message: Maybe(Type.String()),
  Data: Maybe(Type.String()),
  ApiLinks: Maybe(Type.Array(ApiLink))
})
export type BulkOperationResult = Static<typeof BulkOperationResult>
export const BulkOperationResults = List(BulkOperationResult)

export const ConsignmentReferences = Type.Object({
  ConsignmentReferences: Type.Array(Type.String(), { minItems: 1 })
})
export type ConsignmentReferences = Static<typeof ConsignmentReferences>

export const ProErrorDetail = Type.Object({
  Code: Maybe(Type.String()),
  Target: Maybe(Type.String()),
  Message: Maybe(Type.String())
})
export type ProErrorDetail = Static<typeof ProErrorDetail>

/** PRO's error body; every member is optional in the SDK. 401s from the gateway do not use it. */
export const ProErrorBody = Type.Object({
  Code: Maybe(Type.String()),
  Message: Maybe(Type.String()),
  CorrelationId: Maybe(Type.String()),
  Details: Maybe(Type.Array(ProErrorDetail))
})
export type ProErrorBody = Static<typeof ProErrorBody>
