import { Type, type Static } from '@sinclair/typebox'
import { AddressSchema, CountryCode, DateString, InstantString, MoneySchema, PriceSchema } from './common.js'

export const BasketItemSchema = Type.Object({
  sku: Type.String({ minLength: 1, maxLength: 64, examples: ['SKU-1001'] }),
  quantity: Type.Integer({ minimum: 1, maximum: 999 }),
  description: Type.Optional(Type.String({ maxLength: 200 })),
  weightKg: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000, description: 'weight of one unit' })),
  dimensionsCm: Type.Optional(Type.Object({
    length: Type.Number({ exclusiveMinimum: 0, maximum: 500 }),
    width: Type.Number({ exclusiveMinimum: 0, maximum: 500 }),
    height: Type.Number({ exclusiveMinimum: 0, maximum: 500 })
  })),
  unitPrice: Type.Object(MoneySchema.properties, { description: 'price of one unit; PRO needs the value of every parcel, so every item is priced' }),
  countryOfOrigin: Type.Optional(CountryCode),
  hsCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,10}$', description: 'harmonised system code' })),
  shippingLocation: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'PRO shipping location reference of the warehouse holding the item' }))
}, { description: 'description, countryOfOrigin and hsCode are required when the destination is outside ORIGIN_COUNTRY (customs data)' })
export type BasketItem = Static<typeof BasketItemSchema>

export const OptionKind = Type.Union([Type.Literal('delivery'), Type.Literal('pickup')])

export const OptionsRequestSchema = Type.Object({
  items: Type.Array(BasketItemSchema, { minItems: 1, maxItems: 100 }),
  destination: AddressSchema,
  deliveryDateFrom: Type.Optional(DateString),
  deliveryDateTo: Type.Optional(DateString),
  guaranteedOnly: Type.Optional(Type.Boolean({ default: false })),
  include: Type.Optional(Type.Array(OptionKind, { minItems: 1, maxItems: 2, uniqueItems: true, default: ['delivery'] })),
  pickupRadiusKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 50, default: 5 })),
  maxPickupPoints: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 }))
}, {
  examples: [{
    items: [{ sku: 'SKU-1001', quantity: 2, weightKg: 0.4, unitPrice: { amount: '19.99', currency: 'GBP' }, shippingLocation: 'EDC5_Electio' }],
    destination: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '07700900123', addressLines: ['1 Analytical Way'], town: 'London', postcode: 'N1 9GU', countryCode: 'GB' },
    include: ['delivery', 'pickup']
  }]
})
export type OptionsRequest = Static<typeof OptionsRequestSchema>

export const CheckoutOptionSchema = Type.Object({
  id: Type.String({ description: 'the PRO option reference (EDO-…); send it to /checkout/confirm', examples: ['EDO-000-6DX-6XP'] }),
  type: OptionKind,
  date: DateString,
  dayOfWeek: Type.String({ examples: ['Tuesday'] }),
  window: Type.Object({
    start: Type.String({ pattern: '^\\d{2}:\\d{2}$', examples: ['07:00'] }),
    end: Type.String({ pattern: '^\\d{2}:\\d{2}$', examples: ['12:00'] }),
    utcOffset: Type.String({ pattern: '^[+-]\\d{2}:\\d{2}$', examples: ['+00:00'] })
  }, { description: '00:00–23:59 means any time that day' }),
  guaranteed: Type.Boolean(),
  carrier: Type.String(),
  service: Type.String(),
  serviceReference: Type.String(),
  price: PriceSchema,
  cutOff: InstantString,
  pickupPointId: Type.Optional(Type.String({ description: 'for pickup options: the pickup point it delivers to' }))
})
export type CheckoutOption = Static<typeof CheckoutOptionSchema>

/** One option as the examples of several shapes show it. */
export const EXAMPLE_OPTION: CheckoutOption = {
  id: 'EDO-00B-DNI-8LK',
  type: 'delivery',
  date: '2026-11-24',
  dayOfWeek: 'Tuesday',
  window: { start: '00:00', end: '23:59', utcOffset: '+00:00' },
  guaranteed: true,
  carrier: 'Royal Mail',
  service: 'Tracked 24',
  serviceReference: 'MPD_RMT24',
  price: { net: '5.00', gross: '6.00', tax: '1.00', currency: 'GBP' },
  cutOff: '2026-11-23T17:00:00+00:00'
}

export const OpeningHoursSchema = Type.Object({
  day: Type.String({ examples: ['Monday'] }),
  open: Type.String({ pattern: '^\\d{2}:\\d{2}$' }),
  close: Type.String({ pattern: '^\\d{2}:\\d{2}$' })
})

export const PickupPointSchema = Type.Object({
  id: Type.String({ description: 'the carrier shop reference' }),
  name: Type.String(),
  address: Type.Object({
    addressLines: Type.Array(Type.String()),
    town: Type.String(),
    postcode: Type.String(),
    countryCode: Type.String()
  }),
  location: Type.Optional(Type.Object({ lat: Type.Number(), lng: Type.Number() })),
  distance: Type.Optional(Type.Object({ value: Type.Number(), unit: Type.String({ examples: ['km'] }) })),
  openingHours: Type.Array(OpeningHoursSchema)
})
export type PickupPoint = Static<typeof PickupPointSchema>

export const CalendarDaySchema = Type.Object({
  date: DateString,
  dayOfWeek: Type.String(),
  optionIds: Type.Array(Type.String(), { description: 'cheapest first' })
})

export const OptionsResponseSchema = Type.Object({
  options: Type.Array(CheckoutOptionSchema),
  days: Type.Array(CalendarDaySchema, { description: 'one entry per date, in date order' }),
  pickupPoints: Type.Array(PickupPointSchema),
  reason: Type.Optional(Type.String({ description: 'why the lists are empty, when they are' }))
}, {
  examples: [{
    options: [EXAMPLE_OPTION],
    days: [{ date: '2026-11-24', dayOfWeek: 'Tuesday', optionIds: ['EDO-00B-DNI-8LK'] }],
    pickupPoints: []
  }]
})
export type OptionsResponse = Static<typeof OptionsResponseSchema>
