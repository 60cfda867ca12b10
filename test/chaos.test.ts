import t from 'tap'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

// The chaos run (bench/chaos.mjs, `npm run chaos`) at a small size: 100 checkouts by 8 clients under
// PRO faults, 2 SIGKILLs of the service with restarts, then manifests and the checks. It drives the
// built dist/ (rebuilt first if a source changed) as child processes, on the embedded PostgreSQL
// default in a temporary DATA_DIR, or on a fresh database of TEST_DATABASE_URL's server when set.
// The wait after a restart is a timing figure: reported by the run, measured by `npm run chaos`, not
// asserted here (CHAOS_WAIT_LIMIT_S=0).
t.setTimeout(600_000)

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** Runs a node script in the project folder to its end: its exit code and its output (stdout and stderr). */
async function runScript (t: { teardown: (fn: () => unknown) => void }, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null, output: string }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  t.teardown(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    // The chaos script stops its services, simulator and database server on SIGTERM.
    child.kill('SIGTERM')
    await once(child, 'exit')
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const [code] = await once(child, 'exit') as [number | null]
  return { code, output }
}

/** The environment of the children, without tap's loaders (the script runs plain JavaScript from dist/). */
function childEnv (extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra }
  if (env.NODE_OPTIONS?.includes('@tapjs')) delete env.NODE_OPTIONS
  return env
}

interface ChaosSummary {
  confirmed: number
  kills: number
  lost: number
  unmanifested: number
  duplicates: { orders: number, consignments: number, allocations: number, manifests: number }
  duplicateOrdersOther: number
  lostSelectAnswers: number
  consignments: number
  consignmentsManifestedOnce: number
  failures: string[]
}

t.test('chaos: 100 checkouts under PRO faults and 2 SIGKILLs of the service lose nothing and do nothing twice', async (t) => {
  const build = await runScript(t, ['scripts/build.mjs', '--if-stale'], childEnv({}))
  t.equal(build.code, 0, 'dist/ is built', { output: build.output })
  if (build.code !== 0) return

  const database: Record<string, string> = process.env.TEST_DATABASE_URL ? { CHAOS_DATABASE_URL: process.env.TEST_DATABASE_URL } : {}
  const { code, output } = await runScript(t, ['bench/chaos.mjs'], childEnv({ CHAOS_ORDERS: '100', CHAOS_KILLS: '2', CHAOS_CLIENTS: '8', CHAOS_WAIT_LIMIT_S: '0', ...database }))
  const tail = output.split('\n').slice(-80).join('\n')
  const line = output.split('\n').find((l) => l.startsWith('CHAOS_RESULT '))
  t.ok(line, 'the run printed its result', { output: tail })
  if (!line) return
  const summary = JSON.parse(line.slice('CHAOS_RESULT '.length)) as ChaosSummary
  t.equal(code, 0, 'the run passed its checks', { failures: summary.failures, output: tail })
  t.equal(summary.kills, 2, 'the service was killed twice')
  t.ok(summary.confirmed > 0, 'orders were confirmed')
  t.equal(summary.lost, 0, 'no order answered 201 was lost or left unmanifested')
  t.equal(summary.unmanifested, 0, 'every accepted order was manifested')
  t.same({ consignments: summary.duplicates.consignments, allocations: summary.duplicates.allocations, manifests: summary.duplicates.manifests },
    { consignments: 0, allocations: 0, manifests: 0 }, 'PRO saw no consignment packed, allocated or manifested twice')
  t.ok(summary.duplicateOrdersOther <= summary.lostSelectAnswers, 'duplicate PRO orders beyond those of confirms cut by a kill are no more than the lost select answers')
  t.equal(summary.consignmentsManifestedOnce, summary.consignments, 'every consignment labelled and manifested once')
  t.match(output, /^lost \(201 but missing or not manifested\)\s+0$/m, 'the table says 0 lost')
  t.match(output, /^duplicates consignments\s+0$/m, 'the table says 0 duplicate consignments')
})
