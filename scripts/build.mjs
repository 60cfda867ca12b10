// Compiles src/ into dist/. `build({ ifStale: true })` (npm start, worker, sandbox through run.mjs)
// compiles only when a source or compiler setting is newer than the last build, so starting an
// unchanged tree costs no type-check. The stamp is written only after a successful build.
import { spawnSync } from 'node:child_process'
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const stamp = join(root, 'dist', '.build-stamp')

async function newestSource () {
  const files = ['tsconfig.json', 'tsconfig.build.json', 'package.json'].map((name) => join(root, name))
  for (const entry of await readdir(join(root, 'src'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.push(join(entry.parentPath ?? entry.path, entry.name))
  }
  const times = await Promise.all(files.map((file) => stat(file).then((s) => s.mtimeMs)))
  return Math.max(...times)
}

/** Resolves true when dist/ is usable; false when the build failed (tsc printed why). */
export async function build ({ ifStale = false } = {}) {
  if (ifStale) {
    const built = await stat(stamp).then((s) => s.mtimeMs, () => 0)
    if (built >= await newestSource()) return true
  }
  let tsc
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  } catch {
    // A production install (--omit=dev) has no compiler: it runs the dist/ it was given.
    process.stderr.write('build: TypeScript is not installed; using dist/ as it is\n')
    return stat(join(root, 'dist', 'server.js')).then(() => true, () => false)
  }
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', 'dist/.tsbuildinfo'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) return false
  await mkdir(join(root, 'dist'), { recursive: true })
  await writeFile(stamp, new Date().toISOString())
  return true
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exit(await build({ ifStale: process.argv.includes('--if-stale') }) ? 0 : 1)
}
