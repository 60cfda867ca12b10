import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { chown, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import pg from 'pg'
import type { Log } from '../../log.js'
import { locateBinaries, type PostgresBinaries } from './binaries.js'
import { EmbeddedServerError } from './errors.js'
import { isAlive, runningPostmaster, waitForExit } from './postmaster.js'
import { assertReachable, serverUser, type ServerUser } from './server-user.js'

const run = promisify(execFile)

export interface EmbeddedServerOptions {
  dataDir: string
  log: Log
  /** Server settings passed as `-c name=value` (e.g. fsync=off for a throwaway test server). */
  settings?: Record<string, string>
  /** false: initdb skips fsync; for throwaway servers only. */
  durable?: boolean
  /** How long a start (including crash recovery) may take. */
  startTimeoutMs?: number
}

export interface EmbeddedServer {
  pid: number
  /** true: the server was already running on this data folder (left by a process that died). */
  adopted: boolean
  /** Connection string of one database on this server, over its unix socket. */
  urlFor (database: string): string
}

const SUPERUSER = 'postgres'
const SOCKET_FILE = '.s.PGSQL.5432'
/** Unix socket paths are limited to 104 bytes (macOS) / 108 (Linux), terminator included. */
const MAX_SOCKET_PATH = 103
const LOG_ROTATE_BYTES = 10 * 1024 * 1024
const DEFAULT_START_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 20_000
const START_ATTEMPTS = 5
const RELAUNCH_PAUSE_MS = 500

/** The server's own folder inside DATA_DIR; its unix socket lives there too. */
export function clusterDir (dataDir: string): string {
  return join(resolve(dataDir), 'postgres')
}

/** Only PATH: the service's environment holds secrets the server has no use for. */
const serverEnv = () => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' })

async function exists (path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false)
}

/** initdb into a staging folder renamed into place, so a crash mid-way never leaves half a cluster. */
async function initialise (cluster: string, binaries: PostgresBinaries, user: ServerUser | undefined, durable: boolean): Promise<void> {
  const staging = `${cluster}.init`
  await rm(staging, { recursive: true, force: true })
  await mkdir(staging, { recursive: true, mode: 0o700 })
  if (user) await chown(staging, user.uid, user.gid)
  const sync = !durable ? ['--no-sync'] : process.platform === 'linux' ? ['--sync-method=syncfs'] : []
  try {
    await run(binaries.initdb, ['-D', staging, '-U', SUPERUSER, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-instructions', ...sync], {
      env: serverEnv(), timeout: 120_000, ...user
    })
  } catch (err) {
    const stderr = String((err as { stderr?: string }).stderr ?? (err as Error).message).trim()
    throw new EmbeddedServerError('INITDB_FAILED', `initdb in ${staging} failed: ${stderr.slice(-600)}`)
  }
  await rename(staging, cluster)
}

async function openLog (dataDir: string): Promise<Awaited<ReturnType<typeof open>>> {
  const path = join(dataDir, 'postgres.log')
  const size = await stat(path).then((s) => s.size, () => 0)
  if (size > LOG_ROTATE_BYTES) await rename(path, `${path}.1`)
  return open(path, 'a', 0o600)
}

async function logTail (dataDir: string): Promise<string> {
  const text = await readFile(join(dataDir, 'postgres.log'), 'utf8').catch(() => '')
  return text.trim().split('\n').slice(-5).join(' | ')
}

function socketUrl (cluster: string, database: string): string {
  return `postgresql://${SUPERUSER}@${encodeURIComponent(cluster)}/${encodeURIComponent(database)}`
}

/** Connection string of `database` on the embedded server of `dataDir` (running or not). */
export function embeddedServerUrl (dataDir: string, database: string): string {
  return socketUrl(clusterDir(dataDir), database)
}

async function accepts (cluster: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: socketUrl(cluster, 'postgres'), connectionTimeoutMillis: 2000 })
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** Waits until the server answers; fails early when the process it depends on has exited. */
async function waitUntilAccepting (cluster: string, dataDir: string, pid: number, child: ChildProcess | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await accepts(cluster)) return
    if ((child && child.exitCode !== null) || !isAlive(pid)) {
      throw new EmbeddedServerError('START_FAILED', `the server exited while starting: ${await logTail(dataDir)}`)
    }
    if (Date.now() >= deadline) {
      throw new EmbeddedServerError('START_FAILED', `the server did not accept connections within ${timeoutMs} ms: ${await logTail(dataDir)}`)
    }
    await sleep(20)
  }
}

/**
 * Started detached (its own session) so that it outlives a crash of this process and is not hit by
 * a terminal's Ctrl-C before the service has drained; it listens on a unix socket in its own
 * folder only (no TCP port to clash, reachable only by its owner and root).
 */
async function launch (cluster: string, dataDir: string, binaries: PostgresBinaries, user: ServerUser | undefined, settings: Record<string, string>): Promise<ChildProcess> {
  if (cluster.includes('"')) throw new EmbeddedServerError('START_FAILED', 'DATA_DIR must not contain a double quote')
  const all = { listen_addresses: '', unix_socket_directories: `"${cluster}"`, unix_socket_permissions: '0700', ...settings }
  const args = ['-D', cluster, ...Object.entries(all).flatMap(([name, value]) => ['-c', `${name}=${value}`])]
  const logFile = await openLog(dataDir)
  try {
    const child = spawn(binaries.postgres, args, { detached: true, stdio: ['ignore', logFile.fd, logFile.fd], env: serverEnv(), ...user })
    child.unref()
    return child
  } finally {
    await logFile.close()
  }
}

/**
 * Starts PostgreSQL on DATA_DIR, initialising it on first use, or adopts the server already
 * running there (left behind by a process that was killed).
 */
export async function startEmbeddedServer (options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir)
  const cluster = clusterDir(dataDir)
  const socketPath = join(cluster, SOCKET_FILE)
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    throw new EmbeddedServerError('DATA_DIR_PATH_TOO_LONG', `its socket ${socketPath} would exceed ${MAX_SOCKET_PATH} bytes; use a shorter DATA_DIR`)
  }
  const binaries = await locateBinaries()
  const user = await serverUser()
  await mkdir(dataDir, { recursive: true })
  await assertReachable(binaries.postgres, user, 'the PostgreSQL binary')
  await assertReachable(cluster, user, 'the data folder')
  const timeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS
  const started = Date.now()

  const fresh = !(await exists(join(cluster, 'PG_VERSION')))
  if (fresh) await initialise(cluster, binaries, user, options.durable ?? true)
  const major = (await readFile(join(cluster, 'PG_VERSION'), 'utf8')).trim()
  if (major !== binaries.major) {
    throw new EmbeddedServerError('DATA_DIR_VERSION_MISMATCH', `${cluster} holds PostgreSQL ${major} data but the installed binaries are PostgreSQL ${binaries.major}; dump and restore it, or use an older DATA_DIR`)
  }

  const deadline = Date.now() + timeoutMs
  let pid: number
  let adopted: boolean
  for (let attempt = 1; ; attempt++) {
    const running = await runningPostmaster(cluster, options.log)
    adopted = running !== undefined
    const child = running === undefined ? await launch(cluster, dataDir, binaries, user, options.settings ?? {}) : undefined
    pid = running ?? child!.pid!
    try {
      await waitUntilAccepting(cluster, dataDir, pid, child, Math.max(deadline - Date.now(), 0))
      break
    } catch (err) {
      // A server killed without its children leaves them holding its shared memory for a moment,
      // and the new one exits at once; it starts once they are gone.
      if (attempt >= START_ATTEMPTS || Date.now() + RELAUNCH_PAUSE_MS >= deadline) throw err
      options.log.warn({ err, attempt }, 'embedded PostgreSQL server did not start; trying again')
      await sleep(RELAUNCH_PAUSE_MS)
    }
  }
  options.log.info({ dataDir, serverPid: pid, major, initialised: fresh, adopted, ms: Date.now() - started },
    adopted ? 'embedded PostgreSQL server adopted (left running by an earlier process)' : 'embedded PostgreSQL server started')
  return { pid, adopted, urlFor: (database) => socketUrl(cluster, database) }
}

/** Stops the server running on DATA_DIR, if any: fast shutdown (sessions ended, clean checkpoint). */
export async function stopEmbeddedServer (dataDir: string, log: Log): Promise<void> {
  const cluster = clusterDir(dataDir)
  const pid = await runningPostmaster(cluster, log)
  if (pid === undefined) return
  process.kill(pid, 'SIGINT')
  if (await waitForExit(pid, STOP_TIMEOUT_MS)) {
    log.info({ serverPid: pid }, 'embedded PostgreSQL server stopped')
    return
  }
  // Immediate shutdown: the next start runs crash recovery, which loses nothing committed.
  process.kill(pid, 'SIGQUIT')
  if (!(await waitForExit(pid, 5_000))) throw new EmbeddedServerError('STOP_FAILED', `server ${pid} did not stop`)
  log.warn({ serverPid: pid }, 'embedded PostgreSQL server did not stop in time and was shut down immediately')
}
