import { ProError, type ProErrorDetail } from './errors.js'
import type { Package, ProAddress } from './model.js'
import { addressOfType } from './normalise-address.js'
import type { CustomsDocumentationInput } from './schemas.js'

/** The SDK's values (PRO-API.md §5); PRO prints them on the declarations, so others are refused. */
const CATEGORY_TYPES = ['None', 'Gift', 'CommercialSample', 'Documents', 'Other', 'ReturnedGoods', 'SaleOfGoods', 'Personal']
const SHIPPING_TERMS = ['None', 'EXW', 'FCA', 'CPT', 'CIP', 'DAT', 'DAP', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF', 'DDU']

const present = (value: string | null | undefined): value is string => value != null && value.trim() !== ''

function required (target: string): ProErrorDetail {
  return { Code: 'Required', Target: target, Message: `${target} is required for a shipment leaving its origin country.` }
}

function invalid (target: string, message: string): ProErrorDetail {
  return { Code: 'InvalidValue', Target: target, Message: message }
}

function documentationProblems (customs: CustomsDocumentationInput | null | undefined): ProErrorDetail[] {
  const problems: ProErrorDetail[] = []
  const field = (name: keyof CustomsDocumentationInput, allowed?: readonly string[]) => {
    const target = `CustomsDocumentation.${name}`
    const value = customs?.[name]
    if (typeof value !== 'string' || !present(value)) problems.push(required(target))
    else if (allowed !== undefined && !allowed.includes(value)) problems.push(invalid(target, `${target} must be one of ${allowed.join(', ')}.`))
    else if (name === 'DeclarationDate' && Number.isNaN(Date.parse(value))) problems.push(invalid(target, `${target} is not a valid date.`))
  }
  field('CategoryType', CATEGORY_TYPES)
  field('DeclarationDate')
  field('ReasonForExport')
  field('ShippingTerms', SHIPPING_TERMS)
  if (present(customs?.InvoiceDate) && Number.isNaN(Date.parse(customs.InvoiceDate))) {
    problems.push(invalid('CustomsDocumentation.InvoiceDate', 'CustomsDocumentation.InvoiceDate is not a valid date.'))
  }
  return problems
}

function contentProblems (packages: readonly Package[]): ProErrorDetail[] {
  return packages.flatMap((pkg, p) => {
    if (pkg.items.length === 0) return [required(`Packages[${p}].Items`)]
    return pkg.items.flatMap((item, i) => {
      const target = `Packages[${p}].Items[${i}]`
      return [
        ...(present(item.description) ? [] : [required(`${target}.Description`)]),
        ...(present(item.countryOfOrigin) ? [] : [required(`${target}.CountryOfOrigin`)]),
        ...(present(item.hsCode) ? [] : [required(`${target}.HarmonisationCode`)])
      ]
    })
  })
}

/**
 * The stricter reading of PRO-API.md §5: a shipment whose destination is in another country than
 * its origin carries CustomsDocumentation (CategoryType and DeclarationDate, which the SDK marks
 * required, and the reason for export and shipping terms printed on the declarations) and, for
 * every item, a description, country of origin and HS code. Every missing field is named at once.
 */
export function requireCustomsData (addresses: readonly ProAddress[], packages: readonly Package[], customs: CustomsDocumentationInput | null | undefined): void {
  const from = addressOfType(addresses, 'Origin')?.Country?.IsoCode.TwoLetterCode
  const to = addressOfType(addresses, 'Destination')?.Country?.IsoCode.TwoLetterCode
  if (from === undefined || to === undefined || from === to) return
  const problems = [...documentationProblems(customs), ...contentProblems(packages)]
  if (problems.length === 0) return
  const list = problems.map(problem => problem.Target).join(', ')
  throw new ProError(400, 'ValidationFailed', `A shipment from ${from} to ${to} needs customs data: ${list}.`, problems)
}
