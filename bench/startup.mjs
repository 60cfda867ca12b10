// Measures how long `npm start` takes to answer GET /health/ready with 200, first with an empty
// DATA_DIR (embedded PostgreSQL server initialised from scratch), then again with the folder it
// left, over several rounds. Each start is stopped with SIGTERM and the next begins only once its
// embedded server has stopped too.
// Usage: npm run bench:startup   (builds first; temporary DATA_DIRs, port BENCH_PORT or 3999,
// BENCH_ROUNDS or 3 rounds)
import { spawn } from 'node:child_process'
import { access, chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const PORT = process.env.BENCH_PORT ?? '3999'
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const TIMEOUT_MS = 60_000
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function timeToReady (dataDir) {
  const started = Date.now()
  const child = spawn('npm', ['start', '--silent'], {
    env: { ...process.env, PORT, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
    detached: true
  })
  try {
    while (Date.now() - started < TIMEOUT_MS) {
      try {
        const response = await fetch(`http://127.0.0.1:${PORT}/health/ready`)
        if (response.status === 200) return Date.now() - started
      } catch {}
      await pause(10)
    }
    throw new Error(`not ready within ${TIMEOUT_MS} ms`)
  } finally {
    process.kill(-child.pid, 'SIGTERM')
    await new Promise((resolve) => child.once('exit', resolve))
    // The service stops its embedded server on the way out; wait for its lock file to go.
    const pidFile = join(dataDir, 'postgres', 'postmaster.pid')
    while (await access(pidFile).then(() => true, () => false)) await pause(20)
  }
}

const empty = []
const existing = []
for (let round = 0; round < ROUNDS; round++) {
  const dir = await mkdtemp(join(tmpdir(), 'bff-bench-startup-'))
  // As root the embedded server runs as `postgres`, which must be able to enter the folder.
  await chmod(dir, 0o755)
  try {
    const dataDir = join(dir, 'data')
    empty.push(await timeToReady(dataDir))
    existing.push(await timeToReady(dataDir))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
console.log(`npm start to GET /health/ready 200, ${ROUNDS} rounds`)
console.log(`empty DATA_DIR:    ${empty.map((ms) => `${ms} ms`).join(', ')}`)
console.log(`existing DATA_DIR: ${existing.map((ms) => `${ms} ms`).join(', ')}`)
