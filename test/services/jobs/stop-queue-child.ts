import { startJobQueue, QUEUES } from '../../../src/services/jobs/queue.js'

// Child process of queue-stop.test.ts: workers on every queue poll over one connection, which a
// slow statement holds when the queue is told to stop, so the workers' polls are waiting for it.
// The process must then end by itself.
const log = { debug () {}, info () {}, warn () {}, error () {} }
const queue = await startJobQueue({
  connectionString: process.env.QUEUE_DATABASE_URL!,
  connections: 1,
  log,
  supervise: true,
  fulfilmentAttempts: 1,
  jobTimeoutSeconds: 60,
  retryDelaySeconds: 1
})
for (const name of Object.values(QUEUES)) {
  await queue.boss.work(name, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async () => {})
}
await new Promise((resolve) => setTimeout(resolve, 1000))
const slow = queue.boss.getDb().executeSql('SELECT pg_sleep(2)', [])
await new Promise((resolve) => setTimeout(resolve, 600))
await queue.stop()
await slow.catch(() => undefined)
process.stdout.write('stopped\n')
