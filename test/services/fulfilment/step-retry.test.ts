import t from 'tap'
import { silentLog } from '../../helpers/database.js'
import { withStepRetries } from '../../../src/services/fulfilment/step-retry.js'
import { ProRejectedError, ProTimeoutError, ProUnavailableError } from '../../../src/services/pro/errors.js'
import { LeaseLostError } from '../../../src/services/leases/lease.js'

const quick = { firstPauseMs: 10, maxPauseMs: 40, log: silentLog }
const roomy = () => ({ deadline: () => Date.now() + 60_000, signal: new AbortController().signal })

/** A step that throws each of `failures` in turn, then answers 'done'; counts its runs. */
function flaky (failures: unknown[]) {
  const step = { runs: 0, run: async () => { step.runs++; const failure = failures.shift(); if (failure) throw failure; return 'done' } }
  return step
}

t.test('a 5xx, a 429 and a timeout are tried again; the step then answers', async (t) => {
  const step = flaky([
    new ProUnavailableError('pack', { upstreamStatus: 503, outcomeUnknown: true }),
    new ProUnavailableError('allocate', { upstreamStatus: 429, retryAfterSeconds: 0, outcomeUnknown: false }),
    new ProTimeoutError('getConsignment', 'headers')
  ])
  t.equal(await withStepRetries('pack', step.run, { ...quick, bound: roomy(), tries: 4 }), 'done')
  t.equal(step.runs, 4)
})

t.test('after its tries the last failure is thrown, for the job to retry', async (t) => {
  const failures = [1, 2, 3].map(() => new ProUnavailableError('pack', { upstreamStatus: 502, outcomeUnknown: true }))
  const last = failures[2]
  const step = flaky(failures)
  await t.rejects(withStepRetries('pack', step.run, { ...quick, bound: roomy(), tries: 3 }), last)
  t.equal(step.runs, 3)
})

t.test('a refusal, an unknown error and a lost lease are not tried again', async (t) => {
  for (const failure of [new ProRejectedError('pack', 400, undefined), new TypeError('bug'), new LeaseLostError('fulfil:x')]) {
    const step = flaky([failure])
    await t.rejects(withStepRetries('pack', step.run, { ...quick, bound: roomy() }), failure)
    t.equal(step.runs, 1, `${failure.name}: run once`)
  }
})

t.test('no retry once the pass is stopping or its deadline is too near; a stop during the pause ends it', async (t) => {
  const transient = () => new ProUnavailableError('pack', { upstreamStatus: 503, outcomeUnknown: true })

  const stopped = new AbortController()
  stopped.abort()
  const whenStopped = flaky([transient()])
  await t.rejects(withStepRetries('pack', whenStopped.run, { ...quick, bound: { deadline: () => Date.now() + 60_000, signal: stopped.signal } }), { name: 'ProUnavailableError' })
  t.equal(whenStopped.runs, 1, 'stopping: run once')

  const nearDeadline = flaky([transient()])
  await t.rejects(withStepRetries('pack', nearDeadline.run, { ...quick, bound: { deadline: () => Date.now() + 500, signal: new AbortController().signal } }), { name: 'ProUnavailableError' })
  t.equal(nearDeadline.runs, 1, 'half a second left: run once')

  const stopping = new AbortController()
  const duringPause = flaky([transient()])
  const running = withStepRetries('pack', duringPause.run, { log: silentLog, firstPauseMs: 5_000, maxPauseMs: 5_000, bound: { deadline: () => Date.now() + 60_000, signal: stopping.signal } })
  setTimeout(() => stopping.abort(), 50)
  await t.rejects(running, { name: 'ProUnavailableError' })
  t.equal(duringPause.runs, 1, 'stopped while pausing: not run again')
})
