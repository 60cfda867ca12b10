import t from 'tap'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { freshDatabaseUrl, silentLog } from '../../helpers/database.js'
import { startJobQueue } from '../../../src/services/jobs/queue.js'
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
  const queue = await startJobQueue({ connectionString: await freshDatabaseUrl(t), log: silentLog, supervise: false, fulfilmentAttempts: 1, jobTimeoutSeconds: 60 })
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
