import t from 'tap'
import { buildApp } from '../../helpers/app.js'

t.test('browsers may call only from CORS_ORIGINS', async (t) => {
  const app = await buildApp(t, { CORS_ORIGINS: 'https://shop.example.com, https://m.shop.example.com' })
  const preflight = (origin: string) => app.inject({
    method: 'OPTIONS',
    url: '/checkout/confirm',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' }
  })
  const allowed = await preflight('https://m.shop.example.com')
  t.equal(allowed.statusCode, 204)
  t.equal(allowed.headers['access-control-allow-origin'], 'https://m.shop.example.com')
  t.match(allowed.headers['access-control-allow-headers'], /idempotency-key/)

  const refused = await preflight('https://evil.example.net')
  t.equal(refused.headers['access-control-allow-origin'], undefined)
})

t.test('without CORS_ORIGINS no origin is allowed', async (t) => {
  const app = await buildApp(t)
  const response = await app.inject({ method: 'GET', url: '/health/live', headers: { origin: 'https://shop.example.com' } })
  t.equal(response.headers['access-control-allow-origin'], undefined)
})
