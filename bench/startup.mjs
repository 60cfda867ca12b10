// Measures how long `npm start` takes to answer GET /health/ready with 200, first with an empty
// DATA_DIR (embedded database initialised from scratch), then again with the folder it left.
// Usage: npm run bench:startup   (builds first; uses a temporary DATA_DIR and port 3999)
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const PORT = process.env.BENCH_PORT ?? '3999'
const TIMEOUT_MS = 60_000

async function timeToReady (label, dataDir) {
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
        if (response.status === 200) return { label, ms: Date.now() - started }
      } catch {}
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error(`${label}: not ready within ${TIMEOUT_MS} ms`)
  } finally {
    process.kill(-child.pid, 'SIGTERM')
    await new Promise((resolve) => child.once('exit', resolve))
  }
}

const dir = await mkdtemp(join(tmpdir(), 'bff-bench-startup-'))
try {
  const dataDir = join(dir, 'data')
  const results = [await timeToReady('empty DATA_DIR', dataDir), await timeToReady('existing DATA_DIR', dataDir)]
  for (const { label, ms } of results) console.log(`${label}: ready in ${ms} ms`)
} finally {
  await rm(dir, { recursive: true, force: true })
}
