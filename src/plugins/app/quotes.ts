import fp from 'fastify-plugin'
import type { Config } from '../../config.js'
import type { ConsignmentView, CreateConsignment, CustomsDocumentList, LabelFormatName, QuotesView } from '../../schemas/consignments.js'
import { allocateWithQuote, type AllocateOutcome } from '../../services/quotes/allocate.js'
import { cancelStaffConsignment } from '../../services/quotes/cancel.js'
import { createStaffConsignment, type CreateOutcome } from '../../services/quotes/create.js'
import { staffConsignment, type QuotesDeps } from '../../services/quotes/deps.js'
import { customsDocument, labelFile, listCustomsDocuments, type FileDownload } from '../../services/quotes/documents.js'
import { quoteConsignment } from '../../services/quotes/quotes.js'
import { consignmentView } from '../../services/quotes/view.js'

export interface Quotes {
  create (request: CreateConsignment): Promise<CreateOutcome>
  read (reference: string): Promise<ConsignmentView>
  quotes (reference: string): Promise<QuotesView>
  allocate (reference: string, quoteReference: string): Promise<AllocateOutcome>
  label (reference: string, format: LabelFormatName): Promise<FileDownload>
  customsDocuments (reference: string): Promise<CustomsDocumentList>
  customsDocument (reference: string, name: string): Promise<FileDownload>
  cancel (reference: string): Promise<ConsignmentView>
}

declare module 'fastify' {
  interface FastifyInstance {
    quotes: Quotes
  }
}

/** The staff Quotes flow with its dependencies bound; staff wait on every call, so PRO is asked with the interactive client. */
export default fp<{ config: Config }>(async function quotes (fastify, { config }) {
  const deps: QuotesDeps = {
    pool: fastify.db.pool,
    pro: fastify.proConfirm,
    jobs: fastify.jobs,
    now: () => new Date(),
    originCountry: config.ORIGIN_COUNTRY,
    contactTitle: config.DEFAULT_CONTACT_TITLE,
    claimTimeoutMs: 30_000,
    duplicateWaitMs: config.PRO_INTERACTIVE_TIMEOUT_MS * (config.PRO_INTERACTIVE_RETRIES + 1) + 1000,
    log: fastify.log.child({ component: 'quotes' })
  }
  fastify.decorate('quotes', {
    create: (request) => createStaffConsignment(deps, request),
    read: async (reference) => consignmentView(deps.pool, await staffConsignment(deps, reference)),
    quotes: (reference) => quoteConsignment(deps, reference),
    allocate: (reference, quoteReference) => allocateWithQuote(deps, reference, quoteReference),
    label: (reference, format) => labelFile(deps, reference, format),
    customsDocuments: (reference) => listCustomsDocuments(deps, reference),
    customsDocument: (reference, name) => customsDocument(deps, reference, name),
    cancel: (reference) => cancelStaffConsignment(deps, reference)
  } satisfies Quotes)
}, { name: 'quotes', dependencies: ['db', 'pro', 'jobs'] })
