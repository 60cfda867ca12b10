import type { ApiLink } from './schemas/common.js'

const RELATIVE_BASE = 'http://relative.invalid'
const CONSIGNMENT_REFERENCE = /\bEC-[A-Z0-9]+(?:-[A-Z0-9]+)*/

/**
 * The last path segment of a link, e.g. `EC-000-05B-MMA` from
 * `https://api.electioapp.com/consignments/EC-000-05B-MMA/`. PRO's hosts vary by environment (and
 * its examples have typos), so only the path is trusted. Relative links are accepted too.
 */
export function referenceFromHref (href: string): string | undefined {
  let pathname: string
  try {
    pathname = new URL(href.trim(), RELATIVE_BASE).pathname
  } catch {
    return undefined
  }
  const last = pathname.split('/').filter((segment) => segment !== '').pop()
  if (last === undefined) return undefined
  try {
    return decodeURIComponent(last)
  } catch {
    return last
  }
}

/** The first `EC-` reference a list of links points at (detail and label links name the same one). */
export function consignmentReferenceFromLinks (links: readonly ApiLink[] | null | undefined): string | undefined {
  for (const link of links ?? []) {
    const reference = referenceFromHref(link.Href)
    if (reference?.startsWith('EC-')) return reference
  }
  return undefined
}

export function consignmentReferenceInText (text: string | null | undefined): string | undefined {
  return text?.match(CONSIGNMENT_REFERENCE)?.[0]
}
