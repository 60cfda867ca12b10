import t from 'tap'
import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { freshDataDir, silentLog } from '../../../helpers/database.js'
import { openDatabase } from '../../../../src/services/store/database.js'
import { clusterDir, startEmbeddedServer, stopEmbeddedServer } from '../../../../src/services/store/embedded/server.js'
import { isAlive, postmasterPid, waitForExit } from '../../../../src/services/store/embedded/postmaster.js'
import { assertReachable } from '../../../../src/services/store/embedded/server-user.js'

/** A logger that keeps every message, to see which way the server was brought up. */
function recordingLog () {
  const messages: string[] = []
  const keep = (_obj: object, msg?: string) => { messages.push(msg ?? '') }
  return { messages, log: { debug: keep, info: keep, warn: keep, error: keep } }
}

t.test('a server left running by a process that died is adopted, not started a second time', async (t) => {
  const dataDir = await freshDataDir(t)
  const orphan = await startEmbeddedServer({ dataDir, log: silentLog })
  t.equal(orphan.adopted, false)
  const { messages, log } = recordingLog()
  const db = await openDatabase({ dataDir, poolMax: 2, logger: log })
  t.ok(messages.some((m) => /adopted/.test(m)), 'the start says it adopted the server')
  t.equal(await postmasterPid(clusterDir(dataDir)), orphan.pid, 'the same server process serves the new owner')
  await db.close()
  t.notOk(isAlive(orphan.pid), 'closing the database stopped the server it adopted')
})

t.test('a second service process on the same DATA_DIR is refused while the first owns the server', async (t) => {
  const dataDir = await freshDataDir(t)
  const owner = await openDatabase({ dataDir, poolMax: 2, logger: silentLog })
  t.teardown(() => owner.close())
  await t.rejects(openDatabase({ dataDir, poolMax: 2, logger: silentLog }), { code: 'EMBEDDED_DB_DATA_DIR_IN_USE', message: /another service process \(checkout-bff owner \(pid \d+\)\)/ })
  t.same((await owner.pool.query('SELECT 1 AS one')).rows, [{ one: 1 }], 'the owner keeps its server')
})

t.test('after the server itself was killed, the next start recovers it with every committed row', async (t) => {
  const dataDir = await freshDataDir(t)
  const first = await openDatabase({ dataDir, poolMax: 2, logger: silentLog })
  await first.pool.query('CREATE TABLE kept (v text)')
  await first.pool.query("INSERT INTO kept VALUES ('committed before the kill')")
  const pid = (await postmasterPid(clusterDir(dataDir)))!
  process.kill(pid, 'SIGKILL')
  t.ok(await waitForExit(pid, 10_000), 'the server is gone, its lock file left behind')
  await first.pool.end()

  const second = await openDatabase({ dataDir, poolMax: 2, logger: silentLog })
  t.teardown(() => second.close())
  t.not(await postmasterPid(clusterDir(dataDir)), pid, 'a new server runs')
  t.same((await second.pool.query('SELECT v FROM kept')).rows, [{ v: 'committed before the kill' }])
})

t.test('a lock file whose PID now belongs to an unrelated live process (a reboot, a new container) is set aside', async (t) => {
  const dataDir = await freshDataDir(t)
  const first = await startEmbeddedServer({ dataDir, log: silentLog })
  await stopEmbeddedServer(dataDir, silentLog)
  const pidFile = join(clusterDir(dataDir), 'postmaster.pid')
  // This test process is alive and is not a PostgreSQL server.
  await writeFile(pidFile, `${process.pid}\n${clusterDir(dataDir)}\n1796000000\n5432\n\n\n  0  0\nready   \n`)
  const { messages, log } = recordingLog()
  const db = await openDatabase({ dataDir, poolMax: 2, logger: log })
  t.teardown(() => db.close())
  t.ok(messages.some((m) => /stale lock file/.test(m)), 'the stale lock file is reported')
  t.not(await postmasterPid(clusterDir(dataDir)), first.pid)
  t.not(await postmasterPid(clusterDir(dataDir)), process.pid)
})

t.test('data from another PostgreSQL major version is refused, not started', async (t) => {
  const dataDir = await freshDataDir(t)
  await mkdir(clusterDir(dataDir), { recursive: true })
  await writeFile(join(clusterDir(dataDir), 'PG_VERSION'), '16\n')
  await t.rejects(openDatabase({ dataDir, poolMax: 2, logger: silentLog }), { code: 'EMBEDDED_DB_DATA_DIR_VERSION_MISMATCH', message: /PostgreSQL 16 data.*PostgreSQL 17/ })
})

t.test('a DATA_DIR too long for the server\'s socket is refused with a message naming it', async (t) => {
  const dataDir = join(await freshDataDir(t), 'x'.repeat(90))
  await t.rejects(openDatabase({ dataDir, poolMax: 2, logger: silentLog }), { code: 'EMBEDDED_DB_DATA_DIR_PATH_TOO_LONG', message: /shorter DATA_DIR/ })
})

t.test('as root, a data folder the server account cannot enter is refused with a message naming the folder', async (t) => {
  const parent = await freshDataDir(t)
  await mkdir(parent, { mode: 0o700 })
  const serverAccount = { uid: 54321, gid: 54321 }
  await t.rejects(assertReachable(join(parent, 'data', 'postgres'), serverAccount, 'the data folder'), { code: 'EMBEDDED_DB_NOT_REACHABLE', message: new RegExp(`cannot enter ${parent} `) })
  await chmod(parent, 0o711)
  await t.resolves(assertReachable(join(parent, 'data', 'postgres'), serverAccount, 'the data folder'), 'enterable once others may pass through')
})
