import t from 'tap'
import { readSandboxConfig, SandboxConfigError } from '../../src/sandbox/config.js'

t.test('defaults', async t => {
  t.same(readSandboxConfig({}), { port: 4010, host: '127.0.0.1', apiKey: undefined, faults: undefined, logLevel: 'info' })
})

t.test('reads every variable', async t => {
  const config = readSandboxConfig({ SANDBOX_PORT: '0', SANDBOX_HOST: '0.0.0.0', SANDBOX_API_KEY: 'secret', SANDBOX_FAULTS: '{"errorRate":0.1}', LOG_LEVEL: 'warn' })
  t.same(config, { port: 0, host: '0.0.0.0', apiKey: 'secret', faults: { errorRate: 0.1 }, logLevel: 'warn' })
})

t.test('bad values stop the process with a message naming the variable', async t => {
  t.throws(() => readSandboxConfig({ SANDBOX_FAULTS: '{not json' }), SandboxConfigError)
  t.throws(() => readSandboxConfig({ SANDBOX_FAULTS: '{not json' }), /SANDBOX_FAULTS is not valid JSON/)
  t.throws(() => readSandboxConfig({ SANDBOX_FAULTS: '{"errorRate":3}' }), /SANDBOX_FAULTS is not valid: .*errorRate/)
  t.throws(() => readSandboxConfig({ SANDBOX_PORT: 'eighty' }), /SANDBOX_PORT/)
  t.throws(() => readSandboxConfig({ SANDBOX_PORT: '70000' }), /SANDBOX_PORT/)
})
