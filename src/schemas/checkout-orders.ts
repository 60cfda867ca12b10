import { Type, type Static } from '@sinclair/typebox'
import { InstantString } from './common.js'
import { BasketItemSchema, CheckoutOptionSchema, EXAMPLE_OPTION } from './checkout-options.js'

export const IdempotencyKeyHeader = Type.String({
  minLength: 8,
  maxLength: 200,
  pattern: '^[\\x21-\\x7E]+$',
  description: 'a unique value per checkout attempt (a UUID); retries of the same attempt reuse it'
})

export const ConfirmHeadersSchema = Type.Object({
  'idempotency-key': IdempotencyKeyHeader
})

export const ConfirmRequestSchema = Type.Object({
  optionId: Type.String({ minLength: 1, maxLength: 64, description: 'an option id from /checkout/options', examples: ['EDO-000-6DX-6XP'] }),
  orderReference: Type.String({ minLength: 1, maxLength: 64, description: "the merchant's own order number", examples: ['WEB-100234'] }),
  items: Type.Optional(Type.Array(BasketItemSchema, {
    minItems: 1,
    maxItems: 100,
    description: 'the basket again, if sent: it must be the basket the option was quoted for (in any order), else 409 BASKET_CHANGED; PRO fixed the order\'s items at /checkout/options'
  })),
  metadata: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,40}$' }), Type.String({ maxLength: 200 }), { description: 'string map stored with the order and sent to PRO' }))
}, {
  examples: [{ optionId: 'EDO-000-6DX-6XP', orderReference: 'WEB-100234', metadata: { channel: 'web' } }]
})
export type ConfirmRequest = Static<typeof ConfirmRequestSchema>

/** The statuses an order shows its owner, in the order of the happy path, then the one exception. */
export const ORDER_STATUSES = ['accepted', 'packed', 'allocated', 'labelled', 'manifested', 'needs_attention'] as const

export const OrderStatus = Type.Union(
  ORDER_STATUSES.map((s) => Type.Literal(s)),
  { description: 'accepted → packed → allocated → labelled → manifested; needs_attention when fulfilment is stuck' }
)

export const ConfirmResponseSchema = Type.Object({
  orderId: Type.String({ format: 'uuid' }),
  proOrderReference: Type.String({ examples: ['EO-000-002-0TT'] }),
  status: OrderStatus,
  orderToken: Type.String({ description: 'bearer token that reads this order; keep it with the order, it is shown once' }),
  statusUrl: Type.String({ examples: ['/checkout/orders/7f1c9a52-3c55-4a43-9b8e-1f1d4b0b7a11'] })
}, {
  examples: [{
    orderId: '97952527-9501-47b9-b500-b4d731c02630',
    proOrderReference: 'EO-003-D0N-23G',
    status: 'accepted',
    orderToken: 'b2RM0EaozFmxw-qa-c67cPZt-IVX5lX_rRS7h2LAUHE',
    statusUrl: '/checkout/orders/97952527-9501-47b9-b500-b4d731c02630'
  }]
})
export type ConfirmResponse = Static<typeof ConfirmResponseSchema>

export const OrderParamsSchema = Type.Object({
  orderId: Type.String({ minLength: 1, maxLength: 64 })
})

export const TimelineEntrySchema = Type.Object({
  status: Type.String(),
  at: InstantString,
  detail: Type.Optional(Type.String())
})

export const OrderConsignmentSchema = Type.Object({
  reference: Type.Union([Type.String(), Type.Null()], { description: 'PRO consignment reference (EC-…) once created' }),
  state: Type.String({ examples: ['Allocated'] }),
  shippingLocation: Type.Union([Type.String(), Type.Null()]),
  carrier: Type.Union([Type.String(), Type.Null()]),
  service: Type.Union([Type.String(), Type.Null()]),
  trackingReferences: Type.Array(Type.String()),
  trackingUrl: Type.Union([Type.String(), Type.Null()])
})

export const OrderViewSchema = Type.Object({
  orderId: Type.String(),
  orderReference: Type.String(),
  proOrderReference: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  statusReason: Type.Union([Type.String(), Type.Null()]),
  option: CheckoutOptionSchema,
  createdAt: InstantString,
  updatedAt: InstantString,
  timeline: Type.Array(TimelineEntrySchema),
  consignments: Type.Array(OrderConsignmentSchema)
}, {
  examples: [{
    orderId: '97952527-9501-47b9-b500-b4d731c02630',
    orderReference: 'WEB-100234',
    proOrderReference: 'EO-003-D0N-23G',
    status: 'allocated',
    statusReason: null,
    option: EXAMPLE_OPTION,
    createdAt: '2026-11-21T13:03:48.794Z',
    updatedAt: '2026-11-21T13:09:12.410Z',
    timeline: [
      { status: 'accepted', at: '2026-11-21T13:03:48.803Z' },
      { status: 'packed', at: '2026-11-21T13:03:51.120Z' },
      { status: 'allocated', at: '2026-11-21T13:09:12.410Z' }
    ],
    consignments: [{
      reference: 'EC-000-05B-MQ4',
      state: 'Allocated',
      shippingLocation: 'EDC5_Electio',
      carrier: 'Royal Mail',
      service: 'Tracked 24',
      trackingReferences: ['RM123456789GB'],
      trackingUrl: null
    }]
  }]
})
export type OrderView = Static<typeof OrderViewSchema>

export const BearerHeadersSchema = Type.Object({
  authorization: Type.Optional(Type.String({ description: 'Bearer <orderToken>' }))
})
