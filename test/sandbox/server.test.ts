import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { request } from 'undici'

const SERVER = fileURLToPath(new URL('../../src/sandbox/server.ts', import.meta.url))
/** Run the entry the way tap runs TypeScript: with its loader only. */
const LOADER = process.execArgv.filter(argument => argument.includes('@tapjs/typescript'))

function start (env: Record<string, string>) {
  const child = spawn(process.execPath, [...LOADER, SERVER], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const url = /PRO simulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1]
      if (url !== undefined) resolve(url)
    })
    child.once('exit', code => { reject(new Error(`the simulator exited (${String(code)}): ${stderr}`)) })
  })
  listening.catch(() => {})
  return { child, listening, output: () => ({ stdout, stderr }) }
}

t.test('invalid SANDBOX_FAULTS stops the process with a message naming it', async t => {
  const { child, output } = start({ SANDBOX_PORT: '0', SANDBOX_FAULTS: '{"errorRate": 9}' })
  const [code] = await once(child, 'exit')
  t.equal(code, 1)
  t.match(output().stderr, 'SANDBOX_FAULTS')
})

t.test('the stand-alone simulator logs its URL, serves PRO calls and stops on SIGTERM', async t => {
  const { child, listening, output } = start({ SANDBOX_PORT: '0', SANDBOX_API_KEY: 'stand-alone-key', LOG_LEVEL: 'info' })
  t.teardown(() => { if (child.exitCode === null) child.kill('SIGKILL') })
  const url = await listening
  const denied = await request(`${url}/consignments/EC-000-000-001`, { headers: { 'ocp-apim-subscription-key': 'wrong' } })
  t.equal(denied.statusCode, 401)
  await denied.body.text()
  const allowed = await request(`${url}/consignments/EC-000-000-001`, { headers: { 'ocp-apim-subscription-key': 'stand-alone-key' } })
  t.equal(allowed.statusCode, 404)
  await allowed.body.text()
  child.kill('SIGTERM')
  const [code] = await once(child, 'exit')
  t.equal(code, 0)
  t.notMatch(output().stdout, 'stand-alone-key', 'the key never reaches the log')
})
