import { problemResponse } from '../../schemas/problem.js'

export const TAGS = ['contact-centre']
export const STAFF_SECURITY = [{ staffKey: [] }]

export const unauthorized = problemResponse('UNAUTHORIZED: missing or invalid staff key')
export const notFound = problemResponse('CONSIGNMENT_NOT_FOUND: no consignment with this reference was created through /consignments')
export const upstreamRejected = problemResponse('PRO rejected the request or answered unexpectedly')
export const upstreamUnavailable = problemResponse('PRO unavailable or too slow; retry after `Retry-After` seconds')

/** `attachment; filename="…"`: names are built from PRO references and file keys, which hold no quotes. */
export const attachment = (fileName: string) => `attachment; filename="${fileName.replace(/["\\\r\n]/g, '_')}"`
