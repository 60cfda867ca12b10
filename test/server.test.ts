import t from 'tap'
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { freshDataDir } from './helpers/database.js'

const SERVER = fileURLToPath(new URL('../src/server.ts', import.meta.url))

interface Started {
  child: ChildProcess
  url: string
  lines: Array<Record<string, unknown>>
}

/** Starts src/server.ts as a real process (with the same TypeScript loader tap uses). */
async function startServer (env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [...process.execArgv, SERVER], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const lines: Array<Record<string, unknown>> = []
  let buffer = ''
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      let newline
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline)
        buffer = buffer.slice(newline + 1)
        try {
          const entry = JSON.parse(line) as Record<string, unknown>
          lines.push(entry)
          const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(String(entry.msg))
          if (match) resolve(match[1]!)
        } catch {}
      }
    })
    child.once('exit', (code) => reject(new Error(`server exited early with ${code}`)))
  })
  return { child, url, lines }
}

t.test('the server starts on the embedded database and simulator, says so, and stops cleanly on SIGTERM', async (t) => {
  const dataDir = await freshDataDir(t)
  const { child, url, lines } = await startServer({ DATA_DIR: dataDir })
  t.teardown(() => { if (child.exitCode === null) child.kill('SIGKILL') })

  const ready = await fetch(`${url}/health/ready`)
  t.equal(ready.status, 200)
  const body = await ready.json() as { checks: { pro: { target: string } } }
  t.equal(body.checks.pro.target, 'simulator')
  t.ok(lines.some((l) => l.level === 40 && /simulator/.test(String(l.msg))), 'a warning says PRO is simulated')

  child.kill('SIGTERM')
  const [code] = await once(child, 'exit')
  t.equal(code, 0, 'graceful shutdown exits 0')
  t.ok(lines.some((l) => l.msg === 'stopped'))
})

/** Runs the server expecting it to refuse to start; answers its exit code and stderr. */
async function refusedStart (env: Record<string, string>): Promise<{ code: number, stderr: string }> {
  const child = spawn(process.execPath, [...process.execArgv, SERVER], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const [code] = await once(child, 'exit') as [number]
  return { code, stderr }
}

t.test('a bad variable stops the process with a message naming it', async (t) => {
  const { code, stderr } = await refusedStart({ PORT: 'not-a-port' })
  t.equal(code, 1)
  t.match(stderr, /PORT/)
})

t.test('production without PRO_BASE_URL refuses to start', async (t) => {
  const { code, stderr } = await refusedStart({ NODE_ENV: 'production', PRO_BASE_URL: '' })
  t.equal(code, 1)
  t.match(stderr, /PRO_BASE_URL/)
})
