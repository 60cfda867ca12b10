// The processes of a chaos run: the built service (restartable on its port) and simulator, each with a
// log file of its own, the embedded PostgreSQL server, and the clean-up that stops them all.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { closeSync, openSync } from 'node:fs'
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { call, elapsed } from './helpers.mjs'
import { DIST, KEEP, ROOT, SEED, START_TIMEOUT_MS } from './settings.mjs'
import { run } from './state.mjs'

/** Starts a built entry with its output in a log file of its own. */
export function startEntry (entry, env, logName) {
  const logFile = openSync(join(run.logDir, logName), 'a')
  const child = spawn(process.execPath, [join(DIST, entry)], { cwd: ROOT, env, stdio: ['ignore', logFile, logFile] })
  closeSync(logFile)
  return child
}

export async function waitUntilUp (url, child) {
  const deadline = Date.now() + START_TIMEOUT_MS
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    const answer = await call(url, { timeoutMs: 2000 })
    if (answer.status === 200) return Date.now()
    await sleep(50)
  }
  throw new Error(`${url} did not answer 200 within ${START_TIMEOUT_MS} ms (exit ${child.exitCode ?? child.signalCode ?? 'none'})`)
}

/** A service process on a fixed port, restartable on the same port and database. */
export class Service {
  constructor (name, port, env) {
    this.name = name
    this.port = port
    this.url = `http://127.0.0.1:${port}`
    this.env = env
    this.incarnation = 0
    this.child = undefined
    this.killing = false
  }

  async start () {
    if (run.stopping) throw new Error('the run is stopping')
    this.incarnation++
    const child = startEntry('server.js', { ...this.env, PORT: String(this.port) }, `service-${this.name}-${this.incarnation}.log`)
    this.child = child
    child.once('exit', (code, signal) => {
      if (run.stopping || this.killing || this.child !== child) return
      run.unexpectedExits.push(`service ${this.name} (incarnation ${this.incarnation}) exited by itself (${code ?? signal}) at ${elapsed()}`)
      console.error(`!! ${run.unexpectedExits.at(-1)}; restarting it`)
      this.start().then(() => waitUntilUp(`${this.url}/health/ready`, this.child)).catch((err) => console.error(`!! restart failed: ${err.message}`))
    })
    return child
  }

  async startAndWait () {
    await this.start()
    return waitUntilUp(`${this.url}/health/ready`, this.child)
  }

  /** SIGKILL, then a restart at once on the same port; answers when the kill and the readiness happened. */
  async killAndRestart () {
    this.killing = true
    const child = this.child
    const exited = once(child, 'exit')
    child.kill('SIGKILL')
    await exited
    const killedAt = Date.now()
    this.killing = false
    const readyAt = await this.startAndWait()
    return { killedAt, readyAt }
  }

  async stop () {
    const child = this.child
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000)
    await exited
    clearTimeout(timer)
  }
}

export const silentLog = { debug () {}, info () {}, warn () {}, error () {}, fatal () {}, trace () {} }
export const embeddedModule = () => import(join(DIST, 'services/store/embedded/server.js'))

/** Whether a postmaster still runs on the embedded data folder `dataDir`. */
async function postmasterAlive (dataDir) {
  const text = await readFile(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').catch(() => '')
  const pid = Number(text.split('\n')[0])
  if (!Number.isInteger(pid) || pid <= 0) return undefined
  try {
    process.kill(pid, 0)
    return pid
  } catch {
    return undefined
  }
}

let cleaning
/** Stops the services (SIGTERM), the simulator and any embedded server left, then removes the temporary folder. */
export function cleanUp () {
  cleaning ??= (async () => {
    run.stopping = true
    run.monitorStop = true
    await run.monitorDb?.end().catch(() => undefined)
    for (const service of run.services) await service.stop().catch(() => undefined)
    const simulator = run.simulator
    if (simulator && simulator.exitCode === null && simulator.signalCode === null) {
      simulator.kill('SIGTERM')
      await once(simulator, 'exit')
    }
    // The service stops its embedded server on SIGTERM; make sure none is left behind.
    const ownServerDir = run.ownServerDir
    for (const dataDir of [join(run.dir, 'data'), ...(ownServerDir ? [ownServerDir] : [])]) {
      if (await postmasterAlive(dataDir) === undefined) continue
      if (dataDir !== ownServerDir) console.error(`!! an embedded PostgreSQL server was still running in ${dataDir}; stopping it`)
      const { stopEmbeddedServer } = await embeddedModule()
      if (dataDir === ownServerDir && !KEEP) await run.database?.drop().catch(() => undefined)
      await stopEmbeddedServer(dataDir, silentLog).catch((err) => run.failures.push(`stopping the embedded server in ${dataDir}: ${err.message}`))
    }
    if (!ownServerDir && !KEEP) await run.database?.drop().catch((err) => console.error(`!! dropping ${run.database.name}: ${err.message}`))
    if (KEEP) {
      console.log(`kept: ${run.dir}${run.database && !ownServerDir ? ` and database ${run.database.name}` : ''}`)
    } else {
      if (run.failures.length > 0) {
        const kept = await mkdtemp(join(tmpdir(), `bff-chaos-logs-${SEED}-`))
        await cp(run.logDir, kept, { recursive: true })
        console.log(`service and simulator logs kept in ${kept}`)
      }
      await rm(run.dir, { recursive: true, force: true })
    }
  })()
  return cleaning
}
