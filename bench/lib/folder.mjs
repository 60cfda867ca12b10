import { chmod, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A new temporary folder `<prefix>XXXXXX` that the embedded PostgreSQL server can use. */
export async function tempFolder (prefix) {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  // As root the embedded server runs as `postgres`, which must be able to enter the folder.
  await chmod(dir, 0o755)
  return dir
}
