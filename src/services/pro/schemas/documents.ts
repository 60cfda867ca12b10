import { Type, type Static } from '@sinclair/typebox'
import { Maybe } from './common.js'

/* Labels and customs documents (PRO-API.md §7.6): files come base64-encoded inside JSON. */

export const LabelFormats = ['PDF', 'PNG', 'ZPL', 'ZPLII'] as const
export type LabelFormat = typeof LabelFormats[number]

/**
 * What a label in each format is: PRO's answer says `application/pdf` whatever the format (§7.6).
 * ZPL has no registered type; `application/zpl` is what print agents use for raw printer commands.
 */
export const LABEL_CONTENT_TYPES: Record<LabelFormat, string> = {
  PDF: 'application/pdf',
  PNG: 'image/png',
  ZPL: 'application/zpl',
  ZPLII: 'application/zpl'
}

export const LabelResponse = Type.Object({
  File: Type.String(),
  ContentType: Type.String()
})
export type LabelResponse = Static<typeof LabelResponse>

/** `Key` is the file name, `Value` the base64 PDF. */
const EncodedDocuments = Maybe(Type.Array(Type.Object({
  Key: Type.String(),
  Value: Type.String()
})))

/** PRO decides which documents a shipment needs; a list it did not produce is absent or null. */
export const CustomsDocumentsResponse = Type.Object({
  CommercialInvoiceDocuments: EncodedDocuments,
  CN22Documents: EncodedDocuments,
  CN23Documents: EncodedDocuments
})
export type CustomsDocumentsResponse = Static<typeof CustomsDocumentsResponse>
