import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

/** The service and the stand-alone simulator as real processes, started the way tap runs TypeScript. */

export const SERVICE_ENTRY = fileURLToPath(new URL('../../src/server.ts', import.meta.url))
export const SIMULATOR_ENTRY = fileURLToPath(new URL('../../src/sandbox/server.ts', import.meta.url))
export const WORKER_ENTRY = fileURLToPath(new URL('../../src/worker.ts', import.meta.url))
/** Run the entries the way tap runs TypeScript: with its loader only. */
export const LOADER = process.execArgv.filter((argument) => argument.includes('@tapjs/typescript'))
const START_TIMEOUT_MS = 60_000

export interface Child {
  process: ChildProcess
  url: string
  /** Every JSON log line the process wrote so far. */
  logs: Array<Record<string, unknown>>
}

/** Starts a TypeScript entry and resolves with its URL once a log line matching `listening` shows it. */
async function startChild (entry: string, env: Record<string, string>, listening: RegExp): Promise<Child> {
  const child = spawn(process.execPath, [...LOADER, entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const logs: Array<Record<string, unknown>> = []
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  let buffer = ''
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start within ${START_TIMEOUT_MS} ms: ${stderr}`)), START_TIMEOUT_MS)
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      let newline
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline)
        buffer = buffer.slice(newline + 1)
        let entry: Record<string, unknown>
        try {
          entry = JSON.parse(line) as Record<string, unknown>
        } catch {
          continue
        }
        logs.push(entry)
        const match = listening.exec(String(entry.msg))
        if (match) {
          clearTimeout(timer)
          resolve(match[1]!)
        }
      }
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`${entry} exited early (${String(code ?? signal)}): ${stderr}`))
    })
  })
  try {
    return { process: child, url: await url, logs }
  } catch (err) {
    await kill({ process: child })
    throw err
  }
}

export function startSimulator (env: Record<string, string> = {}): Promise<Child> {
  return startChild(SIMULATOR_ENTRY, { SANDBOX_PORT: '0', LOG_LEVEL: 'info', ...env }, /PRO simulator listening on (http:\/\/127\.0\.0\.1:\d+)/)
}

export function startService (env: Record<string, string>): Promise<Child> {
  return startChild(SERVICE_ENTRY, { PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'test', ...env }, /Server listening at (http:\/\/127\.0\.0\.1:\d+)/)
}

/** The worker-only process; resolves once it says its workers run (its `url` is that message). */
export function startWorker (env: Record<string, string>): Promise<Child> {
  return startChild(WORKER_ENTRY, { LOG_LEVEL: 'info', NODE_ENV: 'test', ...env }, /^(fulfilment worker started)$/)
}

/** SIGKILL (no shutdown code runs) and wait for the process to be gone. */
export async function kill (child: Pick<Child, 'process'>): Promise<void> {
  const running = child.process
  if (running.exitCode !== null || running.signalCode !== null) return
  const exited = once(running, 'exit')
  running.kill('SIGKILL')
  await exited
}

/** Runs an entry expected to stop by itself (e.g. refusing its configuration): its exit code and stderr. */
export async function runToExit (entry: string, env: Record<string, string>): Promise<{ code: number, stderr: string }> {
  const child = spawn(process.execPath, [...LOADER, entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const [code] = await once(child, 'exit') as [number]
  return { code, stderr }
}
