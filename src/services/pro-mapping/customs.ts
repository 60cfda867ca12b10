import type { Customs, CustomsCategories, ShippingTerms } from '../../schemas/consignments.js'
import type { CustomsDocumentation } from '../pro/schemas/shipment.js'
import { withoutUndefined } from './address.js'

/** What a checkout declares for every basket leaving ORIGIN_COUNTRY (CUSTOMS_* settings). */
export interface CustomsDefaults {
  category: typeof CustomsCategories[number]
  shippingTerms: typeof ShippingTerms[number]
  reasonForExport: string
}

/** Our customs fields; the declaration is dated by `declarationDate`, else by the invoice. */
export type CustomsDeclaration = Customs & { declarationDate?: string }

const dateTime = (date: string | undefined) => date === undefined ? undefined : `${date}T00:00:00+00:00`

const UK_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })

/** The calendar day in the UK, where the goods are declared: `YYYY-MM-DD`. */
export function declarationDateOf (now: Date): string {
  return UK_DATE.format(now)
}

/** PRO's CustomsDocumentation (PRO-API.md §5). EORI numbers are not here: they travel as metadata. */
export function customsDocumentation (customs: CustomsDeclaration): CustomsDocumentation {
  return withoutUndefined({
    CategoryType: customs.category,
    CategoryTypeExplanation: customs.categoryExplanation,
    ReasonForExport: customs.reasonForExport,
    ShippingTerms: customs.shippingTerms,
    InvoiceDate: dateTime(customs.invoiceDate),
    DeclarationDate: dateTime(customs.declarationDate ?? customs.invoiceDate),
    ReferencesOfAttachedInvoices: customs.invoiceNumber === undefined ? undefined : [customs.invoiceNumber],
    ShippersVatNumber: customs.shipperVatNumber,
    ReceiversVatNumber: customs.receiverVatNumber,
    ShipperCustomsReference: customs.shipperCustomsReference,
    DesignatedPersonResponsible: customs.designatedPersonResponsible
  })
}

/** A checkout basket's declaration: the configured defaults, declared on the day the options are asked for. */
export function checkoutCustoms (defaults: CustomsDefaults, now: Date): CustomsDocumentation {
  return customsDocumentation({ ...defaults, declarationDate: declarationDateOf(now) })
}
