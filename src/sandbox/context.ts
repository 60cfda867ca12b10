import type { FaultStore } from './faults.js'
import type { SandboxState } from './state.js'
import type { SandboxStats } from './stats.js'

/** What every route of the simulator works with. */
export interface SandboxContext {
  state: SandboxState
  stats: SandboxStats
  faults: FaultStore
  now: () => Date
  random: () => number
  /** Waits for injected latency; rejects when the simulator closes meanwhile. */
  sleep: (ms: number) => Promise<void>
  /** An absolute link on the public host, e.g. `href('/consignments/EC-…')`. */
  href: (path: string) => string
  /** Calls answered 2xx that changed nothing (e.g. a select whose every entry failed): a lost answer to them loses nothing. */
  withoutEffect: WeakSet<object>
}
