import { execFile } from 'node:child_process'
import { readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import type { Log } from '../../log.js'

const run = promisify(execFile)

/** The lock file a running server keeps in its data folder; its first line is the server's PID. */
export const PID_FILE = 'postmaster.pid'

export function isAlive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: alive, but another user's (a server run as `postgres` by a root process).
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function commandLineOf (pid: number): Promise<string> {
  if (process.platform === 'linux') {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ')
  }
  return run('ps', ['-o', 'command=', '-p', String(pid)]).then((r) => r.stdout, () => '')
}

/** The PID the lock file of `cluster` names, alive or not; undefined without a (readable) one. */
export async function postmasterPid (cluster: string): Promise<number | undefined> {
  const content = await readFile(join(cluster, PID_FILE), 'utf8').catch(() => undefined)
  const pid = Number.parseInt(content?.split('\n')[0] ?? '', 10)
  return Number.isInteger(pid) && pid > 0 ? pid : undefined
}

/**
 * The PID of the server running on `cluster`, or undefined. A lock file left by a server that is
 * gone names either a dead PID (PostgreSQL itself then takes the file over) or, after a reboot or
 * in a fresh container, a PID reused by an unrelated process: PostgreSQL would refuse to start on
 * that one, so it is removed here. Servers are always started with `-D <cluster>`, which is how a
 * live one is recognised.
 */
export async function runningPostmaster (cluster: string, log: Log): Promise<number | undefined> {
  const pidFile = join(cluster, PID_FILE)
  const pid = await postmasterPid(cluster)
  if (pid === undefined || !isAlive(pid)) return undefined
  if ((await commandLineOf(pid)).includes(`-D ${cluster}`)) return pid
  log.warn({ serverPid: pid, pidFile }, 'embedded PostgreSQL: removing a stale lock file whose PID now belongs to another process')
  await unlink(pidFile).catch(() => undefined)
  return undefined
}

/** Waits for `pid` to exit; false when it is still running at the deadline. */
export async function waitForExit (pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (isAlive(pid)) {
    if (Date.now() >= deadline) return false
    await sleep(25)
  }
  return true
}
