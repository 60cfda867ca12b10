import type { Database } from '../store/database.js'
import { pendingMigrations, type Migration } from '../store/migrations.js'
import type { ProbeResult } from './pro-probe.js'

export interface CheckResult {
  status: 'ok' | 'failing'
  detail: string
}

export interface Readiness {
  ready: boolean
  checks: {
    database: CheckResult & { server: 'embedded' | 'external', version: string }
    migrations: CheckResult
    pro: CheckResult & { target: 'simulator' | 'remote' }
  }
}

export interface ReadinessDeps {
  database: Pick<Database, 'pool' | 'embedded' | 'serverVersion'>
  migrations: Migration[]
  probePro: () => Promise<ProbeResult>
  proTarget: 'simulator' | 'remote'
}

const ok = (detail: string): CheckResult => ({ status: 'ok', detail })
const failing = (detail: string): CheckResult => ({ status: 'failing', detail })

/** Ready = database reachable, every migration applied, PRO (or the simulator) answering HTTP. */
export async function checkReadiness (deps: ReadinessDeps): Promise<Readiness> {
  const [database, migrations, pro] = await Promise.all([
    deps.database.pool.query('SELECT 1').then(() => ok('reachable'), () => failing('unreachable')),
    pendingMigrations(deps.database.pool, deps.migrations).then(
      (pending) => pending.length === 0 ? ok(`${deps.migrations.length} applied`) : failing(`pending: ${pending.join(', ')}`),
      () => failing('could not read schema_migrations')
    ),
    deps.probePro().then((r) => r.reachable ? ok(`${r.observed} in ${r.ms} ms`) : failing(`unreachable: ${r.observed}`))
  ])
  const proCheck = {
    ...pro,
    target: deps.proTarget,
    ...(deps.proTarget === 'simulator' && { detail: `${pro.detail}; SIMULATED PRO — no real shipments are created` })
  }
  const server = deps.database.embedded ? 'embedded' as const : 'external' as const
  const databaseCheck = {
    status: database.status,
    detail: `${server === 'embedded' ? 'embedded ' : ''}PostgreSQL ${deps.database.serverVersion} server ${database.detail}`,
    server,
    version: deps.database.serverVersion
  }
  return {
    ready: database.status === 'ok' && migrations.status === 'ok' && pro.status === 'ok',
    checks: { database: databaseCheck, migrations, pro: proCheck }
  }
}
