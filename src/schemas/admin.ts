import { Type, type Static } from '@sinclair/typebox'
import { InstantString } from './common.js'
import { ORDER_STATUSES } from './checkout-orders.js'

/** Every status an order row can hold, `confirming` (PRO not yet answered at confirm) included. */
export const ADMIN_ORDER_STATUSES = ['confirming', ...ORDER_STATUSES] as const

export const AdminOrderStatusSchema = Type.Union(ADMIN_ORDER_STATUSES.map((s) => Type.Literal(s)), {
  description: 'confirming → accepted → packed → allocated → labelled → manifested; needs_attention when fulfilment gave up'
})

export const MAX_PAGE_SIZE = 200

export const AdminOrdersQuerySchema = Type.Object({
  status: Type.Optional(AdminOrderStatusSchema),
  limit: Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50, description: 'orders per page' }),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$', description: '`nextCursor` of the previous page' }))
})
export type AdminOrdersQuery = Static<typeof AdminOrdersQuerySchema>

export const AdminOrderSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  orderReference: Type.String({ description: "the merchant's own order number" }),
  proOrderReference: Type.Union([Type.String(), Type.Null()]),
  status: AdminOrderStatusSchema,
  statusReason: Type.Union([Type.String(), Type.Null()], { description: 'why the order needs attention' }),
  attempts: Type.Integer({ minimum: 0, description: 'fulfilment attempts when it was last flagged' }),
  createdAt: InstantString,
  updatedAt: InstantString
})
export type AdminOrder = Static<typeof AdminOrderSchema>

const exampleOrder: AdminOrder = {
  id: '97952527-9501-47b9-b500-b4d731c02630',
  orderReference: 'WEB-100234',
  proOrderReference: 'EO-003-D0N-23G',
  status: 'needs_attention',
  statusReason: 'The shipping platform rejected the allocate request (HTTP 422)',
  attempts: 8,
  createdAt: '2026-11-21T13:03:48.794Z',
  updatedAt: '2026-11-21T13:41:02.118Z'
}

export const AdminOrderPageSchema = Type.Object({
  orders: Type.Array(AdminOrderSchema, { description: 'most recently updated first' }),
  nextCursor: Type.Optional(Type.String({ description: 'present when there are more orders: pass it as `cursor`' }))
}, {
  examples: [{ orders: [exampleOrder], nextCursor: 'WyIyMDI2LTExLTIxVDEzOjQxOjAyLjExODQ1MloiLCI5Nzk1MjUyNy05NTAxLTQ3YjktYjUwMC1iNGQ3MzFjMDI2MzAiXQ' }]
})
export type AdminOrderPage = Static<typeof AdminOrderPageSchema>

export const AdminOrderParamsSchema = Type.Object({
  id: Type.String({ format: 'uuid', description: 'the order id' })
})

export const RetriedOrderSchema = Type.Object(AdminOrderSchema.properties, {
  description: 'the order as it stands when the retry is queued (its status changes once the worker picks it up)',
  examples: [exampleOrder]
})

export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const
export type JobState = typeof JOB_STATES[number]

const JobCountsSchema = Type.Object(
  Object.fromEntries(JOB_STATES.map((state) => [state, Type.Integer({ minimum: 0 })])) as Record<JobState, ReturnType<typeof Type.Integer>>,
  { description: 'jobs per pg-boss state (completed jobs are archived after a while and stop counting)' }
)

export const QueueDepthSchema = Type.Object({
  name: Type.String({ examples: ['fulfil-order'] }),
  counts: JobCountsSchema
})

export const DeadLetterSchema = Type.Object({
  jobId: Type.String({ format: 'uuid' }),
  orderId: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()], { description: 'the last failure message' }),
  retryCount: Type.Integer({ minimum: 0 }),
  failedAt: Type.Union([InstantString, Type.Null()])
})

export const SpareOrderSchema = Type.Object({
  orderId: Type.String({ format: 'uuid', description: 'our order; the spare PRO order carries it as CheckoutOrderId metadata' }),
  orderReference: Type.String(),
  proOrderReference: Type.Union([Type.String(), Type.Null()], { description: 'null when PRO\'s answer was lost: find it in PRO by its CheckoutOrderId' }),
  reason: Type.String(),
  recordedAt: InstantString
})

export const LabelFailureSchema = Type.Object({
  reference: Type.Union([Type.String(), Type.Null()], { description: 'the PRO consignment reference (EC-…)' }),
  customerReference: Type.Union([Type.String(), Type.Null()], { description: 'the reference staff gave it' }),
  reason: Type.String({ description: 'the last failure message' }),
  failedAt: InstantString
})

export const ConsignmentParamsSchema = Type.Object({
  reference: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9-]+$', description: 'PRO consignment reference (EC-…)' })
}, { additionalProperties: false })

export const LabelRetrySchema = Type.Object({
  reference: Type.String(),
  status: Type.Literal('queued')
}, { examples: [{ reference: 'EC-000-087-2F1', status: 'queued' }] })

export const QueueOverviewSchema = Type.Object({
  queues: Type.Array(QueueDepthSchema),
  deadLetters: Type.Array(DeadLetterSchema, { description: 'the latest 20 fulfilment jobs pg-boss gave up on, newest first' }),
  ordersNeedingAttention: Type.Integer({ minimum: 0, description: 'orders whose fulfilment ran out of attempts (their job\'s dead letter flags them); list them with /admin/orders?status=needs_attention and re-drive with /admin/orders/{id}/retry' }),
  labelFailures: Type.Array(LabelFailureSchema, { description: 'the latest 20 staff consignments whose label job ran out of attempts (never manifested until re-driven with /admin/consignments/{reference}/label-retry)' }),
  spareOrders: Type.Array(SpareOrderSchema, { description: 'the latest 20 PRO orders that may exist beside the one an order names (a select-as-order whose answer was lost, or made by a confirm that had lost its lease): cancel them in PRO' })
}, {
  examples: [{
    queues: [
      { name: 'fulfil-order', counts: { created: 4, retry: 1, active: 8, completed: 1203, cancelled: 0, failed: 1 } },
      { name: 'manifest', counts: { created: 1, retry: 0, active: 0, completed: 96, cancelled: 0, failed: 0 } },
      { name: 'housekeeping', counts: { created: 1, retry: 0, active: 0, completed: 24, cancelled: 0, failed: 0 } }
    ],
    deadLetters: [{
      jobId: '0c8d3a52-7f0e-4a55-9d36-0f5e2b7c1a90',
      orderId: '97952527-9501-47b9-b500-b4d731c02630',
      error: 'job failed by timeout in active state',
      retryCount: 8,
      failedAt: '2026-11-21T14:02:10.000Z'
    }],
    ordersNeedingAttention: 2,
    labelFailures: [{
      reference: 'EC-000-087-2F1',
      customerReference: 'CC-20481',
      reason: 'The shipping platform is unavailable (HTTP 503)',
      failedAt: '2026-11-21T13:58:40.000Z'
    }],
    spareOrders: [{
      orderId: '97952527-9501-47b9-b500-b4d731c02630',
      orderReference: 'WEB-10045',
      proOrderReference: null,
      reason: 'select-as-order answer lost; PRO may hold an order whose CheckoutOrderId metadata is this order id',
      recordedAt: '2026-11-21T14:01:57.000Z'
    }]
  }]
})
export type QueueOverview = Static<typeof QueueOverviewSchema>

/** The `security` of every staff route: the bearer scheme declared in the OpenAPI document. */
export const staffSecurity = [{ staffKey: [] }]
