import t from 'tap'
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { freshDatabaseUrl } from '../../helpers/database.js'
import * as staff from '../../../src/services/store/staff-consignments.js'

const ALLOCATABLE = ['Quoted', 'Created']

t.test('two claims on one consignment at once: the second waits for the first to commit, then loses', async (t) => {
  const pool = new pg.Pool({ connectionString: await freshDatabaseUrl(t), max: 3 })
  t.teardown(() => pool.end())
  await pool.query("INSERT INTO consignments (id, intent_key, source, reference, state) VALUES ($1, 'claim-race', 'staff', 'EC-RACE', 'Quoted')", [randomUUID()])

  // The first claim's transaction stays open while the second claim runs, so their statements overlap.
  const first = await pool.connect()
  try {
    await first.query('BEGIN')
    const firstClaim = await staff.claim(first, { reference: 'EC-RACE', state: 'Allocating', from: ALLOCATABLE, leaseMs: 60_000 })
    const secondClaim = staff.claim(pool, { reference: 'EC-RACE', state: 'Allocating', from: ALLOCATABLE, leaseMs: 60_000 })
    const waiting = await Promise.race([secondClaim.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('waiting'), 300))])
    t.equal(waiting, 'waiting', 'the second claim waits for the first one\'s row lock')
    await first.query('COMMIT')
    t.equal(firstClaim, 'Quoted', 'the first claim moved it out of Quoted')
    t.equal(await secondClaim, undefined, 'the second claim, seeing Allocating, wins nothing')
  } finally {
    first.release()
  }
  const { rows } = await pool.query("SELECT state FROM consignments WHERE reference = 'EC-RACE'")
  t.same(rows, [{ state: 'Allocating' }])
})
