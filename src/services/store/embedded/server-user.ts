import { execFile } from 'node:child_process'
import { stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { promisify } from 'node:util'
import { EmbeddedServerError } from './errors.js'

const run = promisify(execFile)

/** The account the server processes run as; undefined means "as this process". */
export interface ServerUser { uid: number, gid: number }

/** PostgreSQL refuses to run as root, so a root process runs it as this account. */
export const SERVER_ACCOUNT = 'postgres'

async function lookup (name: string): Promise<ServerUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])])
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) }
  } catch {
    return undefined
  }
}

/**
 * As root (CI, containers), the server runs as the `postgres` account, created as a system account
 * without a home or login shell when it does not exist. As any other user, it runs as that user.
 */
export async function serverUser (): Promise<ServerUser | undefined> {
  if (process.getuid?.() !== 0) return undefined
  const existing = await lookup(SERVER_ACCOUNT)
  if (existing) return existing
  try {
    await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVER_ACCOUNT])
  } catch (err) {
    throw new EmbeddedServerError('NO_SERVER_USER',
      `running as root, and the "${SERVER_ACCOUNT}" account PostgreSQL must run as could not be created (${(err as Error).message.split('\n')[0]}); create it, run as another user, or set DATABASE_URL`)
  }
  const created = await lookup(SERVER_ACCOUNT)
  if (!created) throw new EmbeddedServerError('NO_SERVER_USER', `the "${SERVER_ACCOUNT}" account was created but cannot be found`)
  return created
}

/** The first folder on the way to `path` that `user` may not enter, or undefined. */
async function firstClosedFolder (path: string, user: ServerUser): Promise<string | undefined> {
  const folders: string[] = []
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    folders.unshift(folder)
    if (dirname(folder) === folder) break
  }
  for (const folder of folders) {
    const info = await stat(folder).catch(() => undefined)
    if (!info) return undefined
    // Child processes started with a uid/gid have no supplementary groups, so owner, group, other.
    const bit = info.uid === user.uid ? 0o100 : info.gid === user.gid ? 0o010 : 0o001
    if ((info.mode & bit) === 0) return folder
  }
  return undefined
}

/** Fails with a clear message when the server account cannot reach `path` (a binary, DATA_DIR). */
export async function assertReachable (path: string, user: ServerUser | undefined, what: string): Promise<void> {
  if (!user) return
  const closed = await firstClosedFolder(path, user)
  if (closed !== undefined) {
    throw new EmbeddedServerError('NOT_REACHABLE',
      `running as root, the server runs as "${SERVER_ACCOUNT}", which cannot enter ${closed} on the way to ${what} ${path}; move it, open that folder (chmod o+x), run as another user, or set DATABASE_URL`)
  }
}
