export { createProClient, type ProCallBound, type ProClient, type ProClientOptions } from './client.js'
export {
  ProError, ProRejectedError, ProUnavailableError, ProCircuitOpenError, ProTimeoutError, ProInvalidResponseError, isProError,
  type ResponseProblem, type TimeoutPhase
} from './errors.js'
export type {
  AllocationResult, ConsignmentSearchResult, CreatedConsignment, CustomsDocument, CustomsDocumentKind,
  LabelFile, NormalisedConsignment, NormalisedConsignmentSummary, PackedOrder
} from './readers.js'
export { referenceFromHref } from './references.js'
export {
  CONSIGNMENT_STATES, normaliseConsignmentState, isKnownConsignmentState,
  type ConsignmentState, type KnownConsignmentState
} from './states.js'
export { OPERATIONS, hasSideEffects, type ProOperation } from './operations.js'
export { priceTax } from './prices.js'
export type { Clock } from './clock.js'
export * from './schemas/index.js'
