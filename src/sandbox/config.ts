import { FaultSettingsError, parseFaultSettings, type FaultSettings } from './faults.js'
import { MAX_SEED } from './random.js'

/** The stand-alone simulator's environment. */
export interface SandboxServerConfig {
  port: number
  host: string
  apiKey: string | undefined
  faults: FaultSettings | undefined
  /** Seed of the fault rolls and latency jitter; unset rolls with Math.random. */
  seed: number | undefined
  logLevel: string
}

export class SandboxConfigError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'SandboxConfigError'
  }
}

function port (value: string | undefined): number {
  if (value === undefined || value === '') return 4010
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new SandboxConfigError(`SANDBOX_PORT must be a port number (0-65535), got "${value}"`)
  return Number(value)
}

function seed (value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined
  if (!/^\d+$/.test(value) || Number(value) > MAX_SEED) throw new SandboxConfigError(`SANDBOX_SEED must be an integer from 0 to ${MAX_SEED}, got "${value}"`)
  return Number(value)
}

function faults (value: string | undefined): FaultSettings | undefined {
  if (value === undefined || value.trim() === '') return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch (error) {
    throw new SandboxConfigError(`SANDBOX_FAULTS is not valid JSON: ${(error as Error).message}`)
  }
  try {
    return parseFaultSettings(parsed)
  } catch (error) {
    if (error instanceof FaultSettingsError) throw new SandboxConfigError(`SANDBOX_FAULTS is not valid: ${error.message}`)
    throw error
  }
}

export function readSandboxConfig (env: NodeJS.ProcessEnv): SandboxServerConfig {
  return {
    port: port(env.SANDBOX_PORT),
    host: env.SANDBOX_HOST === undefined || env.SANDBOX_HOST === '' ? '127.0.0.1' : env.SANDBOX_HOST,
    apiKey: env.SANDBOX_API_KEY === '' ? undefined : env.SANDBOX_API_KEY,
    faults: faults(env.SANDBOX_FAULTS),
    seed: seed(env.SANDBOX_SEED),
    logLevel: env.LOG_LEVEL === undefined || env.LOG_LEVEL === '' ? 'info' : env.LOG_LEVEL
  }
}
