import { buildSandbox } from './app.js'
import { readSandboxConfig, SandboxConfigError, type SandboxServerConfig } from './config.js'

/** Stand-alone PRO simulator (`npm run sandbox`), for load and crash tests. */

function configOrExit (): SandboxServerConfig {
  try {
    return readSandboxConfig(process.env)
  } catch (error) {
    if (!(error instanceof SandboxConfigError)) throw error
    process.stderr.write(`PRO simulator: ${error.message}\n`)
    process.exit(1)
  }
}

const config = configOrExit()
const app = await buildSandbox({
  ...(config.apiKey === undefined ? {} : { apiKey: config.apiKey }),
  ...(config.faults === undefined ? {} : { faults: config.faults }),
  ...(config.seed === undefined ? {} : { seed: config.seed }),
  logger: { level: config.logLevel }
})

let closing = false
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'PRO simulator shutting down')
    app.close().then(() => process.exit(0), (error: unknown) => {
      app.log.error({ err: error }, 'PRO simulator failed to close')
      process.exit(1)
    })
  })
}

const url = await app.listen({ port: config.port, host: config.host })
app.log.info({ url, apiKeyRequired: config.apiKey !== undefined, seed: config.seed ?? null }, `PRO simulator listening on ${url}`)
