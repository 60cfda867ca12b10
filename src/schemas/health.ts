import { Type, type Static } from '@sinclair/typebox'

const Check = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('failing')]),
  detail: Type.String()
})

export const LivenessSchema = Type.Object({ status: Type.Literal('ok') }, { $id: 'Liveness', examples: [{ status: 'ok' }] })

export const ReadinessSchema = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  checks: Type.Object({
    database: Type.Object({
      status: Check.properties.status,
      detail: Type.String(),
      server: Type.Union([Type.Literal('embedded'), Type.Literal('external')], {
        description: '"embedded": the PostgreSQL server this process runs in DATA_DIR; "external": DATABASE_URL'
      }),
      version: Type.String({ description: 'PostgreSQL version, e.g. "17.10"' })
    }),
    migrations: Check,
    pro: Type.Object({
      status: Check.properties.status,
      detail: Type.String(),
      target: Type.Union([Type.Literal('simulator'), Type.Literal('remote')], {
        description: '"simulator" means orders go to the built-in PRO simulator, not to SortedPRO'
      })
    })
  })
}, {
  $id: 'Readiness',
  examples: [{
    status: 'ready',
    checks: {
      database: { status: 'ok', detail: 'embedded PostgreSQL 17.10 server reachable', server: 'embedded', version: '17.10' },
      migrations: { status: 'ok', detail: '1 applied' },
      pro: { status: 'ok', detail: 'HTTP 404 in 3 ms', target: 'remote' }
    }
  }]
})

export type ReadinessBody = Static<typeof ReadinessSchema>
