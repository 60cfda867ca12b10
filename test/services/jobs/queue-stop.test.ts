import t, { type Test } from 'tap'
import pg from 'pg'
import { randomUUID } from 'node:crypto'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { freshDatabaseUrl, silentLog } from '../../helpers/database.js'
import { QUEUES, startJobQueue, type JobQueue } from '../../../src/services/jobs/queue.js'
import { inTransaction } from '../../../src/services/store/transaction.js'
import { LOADER } from '../../helpers/processes.js'

const CHILD = fileURLToPath(new URL('./stop-queue-child.ts', import.meta.url))

t.test('a stopped job queue leaves nothing running: workers that were waiting for a connection end too', async (t) => {
  const url = await freshDatabaseUrl(t)
  for (let round = 1; round <= 2; round++) {
    const child = spawn(process.execPath, [...LOADER, CHILD], { env: { ...process.env, QUEUE_DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
    const exited = once(child, 'exit')
    const verdict = await Promise.race([
      exited.then(([code]) => `exited ${String(code)}`),
      new Promise<string>((resolve) => setTimeout(() => resolve('still running 20 s after starting'), 20_000))
    ])
    if (child.exitCode === null) child.kill('SIGKILL')
    t.equal(output.trim(), 'stopped', `round ${round}: stop() returned`)
    t.equal(verdict, 'exited 0', `round ${round}: the process ended by itself`)
  }
})

t.test('stop waits for a handler still running, and a handler handed over while stopping is refused, to be retried', async (t) => {
  const queue = await startJobQueue({ connectionString: await freshDatabaseUrl(t), log: silentLog, supervise: false, fulfilmentAttempts: 1, jobTimeoutSeconds: 60, retryDelaySeconds: 1 })
  const events: string[] = []
  const running = queue.tracked(async () => {
    await new Promise((resolve) => setTimeout(resolve, 500))
    events.push('handler finished')
  })([])
  const stopped = queue.stop().then(() => { events.push('queue stopped') })
  await t.rejects(queue.tracked(async () => { events.push('late handler ran') })([]), { message: 'the job queue is stopping; the job will be retried' })
  await Promise.all([running, stopped])
  t.same(events, ['handler finished', 'queue stopped'])
})

async function jobStates (url: string): Promise<Array<{ state: string, retry_count: number }>> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query("SELECT state, retry_count FROM pgboss.job WHERE name = 'fulfil-order'")).rows
  } finally {
    await client.end()
  }
}

/** Starts a queue with one fulfilment worker running `handler`, sends one job and waits until the handler has it. */
async function oneJobRunning (t: Test, stopGraceMs: number | undefined, handler: (queue: JobQueue) => Promise<void>) {
  const url = await freshDatabaseUrl(t)
  const queue = await startJobQueue({ connectionString: url, log: silentLog, supervise: false, fulfilmentAttempts: 3, jobTimeoutSeconds: 300, retryDelaySeconds: 1, ...(stopGraceMs === undefined ? {} : { stopGraceMs }) })
  let started: () => void = () => {}
  const running = new Promise<void>((resolve) => { started = resolve })
  await queue.boss.work(QUEUES.fulfilOrder, { batchSize: 1, pollingIntervalSeconds: 0.5 }, queue.tracked(async () => { started(); await handler(queue) }))
  await inTransaction(pool(t, url), (client) => queue.enqueueFulfilment(client, randomUUID()))
  await running
  return { url, queue }
}

function pool (t: Test, url: string): pg.Pool {
  const created = new pg.Pool({ connectionString: url, max: 1 })
  t.teardown(() => created.end())
  return created
}

t.test('a job whose handler runs past pg-boss\'s own 10 s stop timeout is completed, not failed under its running handler', async (t) => {
  const events: string[] = []
  const { url, queue } = await oneJobRunning(t, 15_000, async () => {
    await new Promise((resolve) => setTimeout(resolve, 11_000))
    events.push('handler finished')
  })
  await queue.stop()
  events.push('queue stopped')
  t.same(events, ['handler finished', 'queue stopped'])
  t.same(await jobStates(url), [{ state: 'completed', retry_count: 0 }], 'completed once, never failed')
})

t.test('a handler still running when the stop grace ends is asked to stop, and its job is retried after it ended', async (t) => {
  const events: string[] = []
  const { url, queue } = await oneJobRunning(t, 300, async (queue) => {
    await new Promise((resolve) => queue.stopSignal.addEventListener('abort', resolve, { once: true }))
    events.push('handler saw the stop')
    throw new Error('stopped at a safe point')
  })
  await queue.stop()
  events.push('queue stopped')
  t.same(events, ['handler saw the stop', 'queue stopped'])
  const [job] = await jobStates(url)
  t.equal(job?.state, 'retry', 'the job waits for its retry (failed by its handler\'s throw, not while it ran)')
})
