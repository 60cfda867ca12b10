// npm start / worker / sandbox: compiles if a source changed since the last build, then runs the
// compiled entry in this same process (one Node start, not two).
// Usage: node scripts/run.mjs server | worker | sandbox/server
import { build } from './build.mjs'

const ENTRIES = new Set(['server', 'worker', 'sandbox/server'])
const entry = process.argv[2] ?? ''
if (!ENTRIES.has(entry)) {
  process.stderr.write(`usage: node scripts/run.mjs ${[...ENTRIES].join(' | ')}\n`)
  process.exit(2)
}
if (!await build({ ifStale: true })) process.exit(1)
await import(`../dist/${entry}.js`)
