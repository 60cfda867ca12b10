import { Type, type Static } from '@sinclair/typebox'

const Check = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('failing')]),
  detail: Type.String()
})

export const LivenessSchema = Type.Object({ status: Type.Literal('ok') }, { $id: 'Liveness' })

export const ReadinessSchema = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  checks: Type.Object({
    database: Check,
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
      database: { status: 'ok', detail: 'reachable' },
      migrations: { status: 'ok', detail: '1 applied' },
      pro: { status: 'ok', detail: 'HTTP 404 in 3 ms', target: 'remote' }
    }
  }]
})

export type ReadinessBody = Static<typeof ReadinessSchema>
