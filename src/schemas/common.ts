import { Type, type Static } from '@sinclair/typebox'

export const CurrencySchema = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code', examples: ['GBP'] })
export const DecimalString = Type.String({ pattern: '^-?\\d+(\\.\\d{1,4})?$', description: 'decimal amount as a string, e.g. "4.99"', examples: ['4.99'] })
export const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD', examples: ['2026-11-24'] })
export const InstantString = Type.String({ format: 'date-time', description: 'ISO 8601 instant with offset', examples: ['2026-11-23T15:00:00+00:00'] })
export const CountryCode = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2', examples: ['GB'] })

/** Money is always a decimal string with its currency beside it. */
export const MoneySchema = Type.Object({
  amount: DecimalString,
  currency: CurrencySchema
})
export type Money = Static<typeof MoneySchema>

export const PriceSchema = Type.Object({
  net: DecimalString,
  gross: DecimalString,
  tax: DecimalString,
  currency: CurrencySchema
}, { description: 'a shipping price; gross = net + tax' })
export type Price = Static<typeof PriceSchema>

export const EmailSchema = Type.String({ format: 'email', maxLength: 254 })

export const AddressSchema = Type.Object({
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: 'contact title (Mr, Ms, Dr…); DEFAULT_CONTACT_TITLE is sent when absent', examples: ['Ms'] })),
  name: Type.String({ minLength: 1, maxLength: 120, description: 'contact name', examples: ['Ada Lovelace'] }),
  email: Type.Optional(EmailSchema),
  phone: Type.Optional(Type.String({ minLength: 3, maxLength: 40 })),
  company: Type.Optional(Type.String({ maxLength: 120 })),
  addressLines: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 3 }),
  town: Type.String({ minLength: 1, maxLength: 80 }),
  region: Type.Optional(Type.String({ maxLength: 80 })),
  postcode: Type.String({ minLength: 1, maxLength: 20 }),
  countryCode: CountryCode,
  instructions: Type.Optional(Type.String({ maxLength: 250, description: 'delivery instructions for the driver' }))
})
export type Address = Static<typeof AddressSchema>
