import t from 'tap'
import { AppError } from '../../../src/errors.js'
import type { CheckoutOption } from '../../../src/schemas/checkout-options.js'
import { selectRefusal } from '../../../src/services/checkout/select-order.js'
import { ProRejectedError, ProUnavailableError } from '../../../src/services/pro/errors.js'

/* PRO refusing select-as-order: decided from the HTTP status and the option's cut-off, PRO's `Code` only logged. */

const option = { id: 'EDO-TEST-0001', cutOff: '2030-01-01T17:00:00+00:00' } as CheckoutOption
const hoursBefore = new Date('2030-01-01T09:00:00Z')
const justAfter = new Date('2030-01-01T17:00:10Z')
const refused = (status: number, Code?: string) => new ProRejectedError('selectOrder', status, Code === undefined ? undefined : { Code })
const codeOf = (error: unknown) => (error as AppError).code

t.test('a refusal after the option\'s cut-off is OPTION_EXPIRED, whatever PRO\'s code says', async (t) => {
  t.equal(codeOf(selectRefusal(refused(400, 'SomethingInternal'), option, justAfter)), 'OPTION_EXPIRED')
  t.equal(codeOf(selectRefusal(refused(400), option, justAfter)), 'OPTION_EXPIRED', 'no body at all')
  t.equal(codeOf(selectRefusal(refused(409, 'DeliveryOptionNotFound'), option, justAfter)), 'OPTION_EXPIRED')
})

t.test('a refusal well before the cut-off is not called expired, even with an expiry code', async (t) => {
  t.equal(codeOf(selectRefusal(refused(400, 'DeliveryOptionExpired'), option, hoursBefore)), 'OPTION_NOT_FOUND')
  t.equal(codeOf(selectRefusal(refused(404), option, hoursBefore)), 'OPTION_NOT_FOUND')
})

t.test('a refusal seconds before the cut-off is taken for expiry (the clocks of PRO and ours differ)', async (t) => {
  t.equal(codeOf(selectRefusal(refused(400), option, new Date('2030-01-01T16:59:50Z'))), 'OPTION_EXPIRED')
})

t.test('what is not about the option is left as it is', async (t) => {
  const unauthorised = refused(401)
  t.equal(selectRefusal(unauthorised, option, justAfter), unauthorised, 'our credentials, not the shopper\'s choice')
  const unavailable = new ProUnavailableError('selectOrder', { upstreamStatus: 503, outcomeUnknown: true })
  t.equal(selectRefusal(unavailable, option, justAfter), unavailable)
})
