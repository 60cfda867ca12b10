import t from 'tap'
import { Writable } from 'node:stream'
import pino from 'pino'
import { loggerOptions } from '../src/logger.js'

function capture () {
  const lines: string[] = []
  const stream = new Writable({
    write (chunk, _encoding, done) {
      lines.push(String(chunk))
      done()
    }
  })
  return { lines, stream }
}

t.test('secrets in headers and options are redacted', async (t) => {
  const { lines, stream } = capture()
  const log = pino(loggerOptions({ LOG_LEVEL: 'info', LOG_PRETTY: false }), stream)
  log.info({
    req: { headers: { authorization: 'Bearer staff-secret', 'ocp-apim-subscription-key': 'pro-secret', 'user-agent': 'shop' } },
    headers: { 'ocp-apim-subscription-key': 'pro-secret-2' },
    options: { apiKey: 'pro-secret-3' },
    orderToken: 'token-secret'
  }, 'call')
  const line = lines.join('')
  for (const secret of ['staff-secret', 'pro-secret', 'pro-secret-2', 'pro-secret-3', 'token-secret']) {
    t.notMatch(line, secret, `${secret} is not logged`)
  }
  t.match(line, '[redacted]')
  t.match(line, 'shop', 'ordinary headers stay')
})

t.test('logs are JSON unless pretty output is asked for', async (t) => {
  t.equal(loggerOptions({ LOG_LEVEL: 'info', LOG_PRETTY: false }).transport, undefined)
  t.match(loggerOptions({ LOG_LEVEL: 'debug', LOG_PRETTY: true }), { level: 'debug', transport: { target: 'pino-pretty' } })
})
