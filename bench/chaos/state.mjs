// What the parts of a chaos run share while it runs: bench/chaos.mjs fills it in as it starts things,
// the clean-up (processes.mjs) stops whatever it finds here.
export const run = {
  /** When the run started (Date.now()), for the elapsed times printed. */
  started: undefined,
  /** The run's temporary folder, and the logs folder in it (a log file per process). */
  dir: undefined,
  logDir: undefined,
  /** Set by the clean-up: exits from then on are expected, and nothing is restarted. */
  stopping: false,
  /** The service processes (processes.mjs Service): one, or two in `two` mode. */
  services: [],
  /** The simulator's child process. */
  simulator: undefined,
  /** The fresh database (bench/lib/database.mjs) the run made, if any. */
  database: undefined,
  /** The data folder of the embedded server this script started itself (`two` mode without CHAOS_DATABASE_URL). */
  ownServerDir: undefined,
  /** A small pool on the service's database, for watching the orders and for the checks. */
  monitorDb: undefined,
  monitorStop: false,
  /** What makes the run fail: printed at the end and in the CHAOS_RESULT line. */
  failures: [],
  /** Processes that exited by themselves. */
  unexpectedExits: []
}
