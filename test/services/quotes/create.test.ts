import t from 'tap'
import { freshDatabaseUrl, silentLog } from '../../helpers/database.js'
import { domesticConsignment } from '../../routes/consignments/helpers.js'
import type { CreateConsignment } from '../../../src/schemas/consignments.js'
import type { ProClient } from '../../../src/services/pro/client.js'
import { ProRejectedError, ProUnavailableError } from '../../../src/services/pro/errors.js'
import { createStaffConsignment } from '../../../src/services/quotes/create.js'
import type { QuotesDeps } from '../../../src/services/quotes/deps.js'
import { openDatabase } from '../../../src/services/store/database.js'

/** A gate a fake PRO call waits at; `entered` resolves once the call is waiting. */
function gate () {
  let open: () => void = () => {}
  let entered: () => void = () => {}
  const opened = new Promise<void>((resolve) => { open = resolve })
  const reached = new Promise<void>((resolve) => { entered = resolve })
  return { open, reached, pass: async () => { entered(); await opened } }
}

t.test('a create request that lost its lease never forgets the intent another request now works on', async (t) => {
  const db = await openDatabase({ databaseUrl: await freshDatabaseUrl(t), dataDir: '', poolMax: 6, logger: silentLog })
  t.teardown(() => db.close())
  const firstCall = gate()
  const secondCall = gate()
  let creates = 0
  const unused = async () => { throw new Error('not expected in this test') }
  const pro: QuotesDeps['pro'] = {
    async createConsignment () {
      creates++
      if (creates === 1) {
        await firstCall.pass()
        throw new ProUnavailableError('createConsignment', { upstreamStatus: 429, outcomeUnknown: false })
      }
      await secondCall.pass()
      return { consignmentReference: 'EC-000-000-002' } as never
    },
    findConsignmentReferences: async () => [],
    getConsignment: unused, quotesForConsignment: unused, allocateWithQuote: unused, label: unused, customsDocuments: unused, deallocateConsignment: unused, cancelConsignment: unused,
    within: () => pro as ProClient
  }
  const deps: QuotesDeps = {
    pool: db.pool, pro, jobs: { enqueueLabelling: unused }, now: () => new Date(), originCountry: 'GB', contactTitle: 'Mx', claimTimeoutMs: 30_000, duplicateWaitMs: 300, log: silentLog
  }
  const request = domesticConsignment('STAFF-LEASE-1') as CreateConsignment

  const first = createStaffConsignment(deps, request)
  first.catch(() => {})
  await firstCall.reached
  // The first request stalls past its lease; a retry takes the reference over.
  await db.pool.query("UPDATE leases SET expires_at = now() - interval '1 second' WHERE name LIKE 'staff-create:%'")
  const second = createStaffConsignment(deps, request)
  await secondCall.reached
  firstCall.open()
  await t.rejects(first, { code: 'OPERATION_IN_PROGRESS' }, 'the stale request answers that another one works on it')
  secondCall.open()
  const outcome = await second
  t.equal(outcome.status, 201)
  t.equal(outcome.view.reference, 'EC-000-000-002')
  const { rows } = await db.pool.query("SELECT reference FROM consignments WHERE intent_key = 'staff:STAFF-LEASE-1'")
  t.same(rows, [{ reference: 'EC-000-000-002' }], 'the intent the retry worked on is recorded with its consignment')
})

t.test('a refused create is read from the status and the field PRO names, never from its code alone', async (t) => {
  const db = await openDatabase({ databaseUrl: await freshDatabaseUrl(t), dataDir: '', poolMax: 4, logger: silentLog })
  t.teardown(() => db.close())
  let refusal: ProRejectedError | undefined
  const unused = async () => { throw new Error('not expected in this test') }
  const pro: QuotesDeps['pro'] = {
    createConsignment: async () => { throw refusal! },
    findConsignmentReferences: async () => [],
    getConsignment: unused, quotesForConsignment: unused, allocateWithQuote: unused, label: unused, customsDocuments: unused, deallocateConsignment: unused, cancelConsignment: unused,
    within: () => pro as ProClient
  }
  const deps: QuotesDeps = {
    pool: db.pool, pro, jobs: { enqueueLabelling: unused }, now: () => new Date(), originCountry: 'GB', contactTitle: 'Mx', claimTimeoutMs: 30_000, duplicateWaitMs: 300, log: silentLog
  }

  refusal = new ProRejectedError('createConsignment', 400, {
    Code: 'AnInternalCode',
    Details: [{ Code: 'AnInternalCode', Target: 'Addresses[0].ShippingLocationReference', Message: 'Shipping location NOPE does not exist.' }]
  })
  await t.rejects(createStaffConsignment(deps, domesticConsignment('STAFF-REFUSED-1') as CreateConsignment), {
    code: 'VALIDATION_FAILED',
    errors: [{ field: '/body/origin/shippingLocation', message: 'is not a shipping location of the account' }]
  }, 'the field PRO named')

  refusal = new ProRejectedError('createConsignment', 400, { Code: 'ShippingLocationNotFound' })
  await t.rejects(createStaffConsignment(deps, domesticConsignment('STAFF-REFUSED-2') as CreateConsignment), { code: 'UPSTREAM_REJECTED' },
    'a code naming no field blames nothing of the request')
  const { rows } = await db.pool.query('SELECT 1 FROM consignments')
  t.equal(rows.length, 0, 'a certain refusal leaves no intent behind')
})
