import t from 'tap'
import { hashOrderToken, newOrderToken, orderTokenMatches } from '../../../src/services/checkout/order-token.js'

t.test('tokens are long, random and URL-safe', async (t) => {
  const tokens = new Set(Array.from({ length: 100 }, newOrderToken))
  t.equal(tokens.size, 100)
  for (const token of tokens) t.match(token, /^[A-Za-z0-9_-]{43}$/, '256 bits in base64url')
})

t.test('only the right token matches the stored hash', async (t) => {
  const token = newOrderToken()
  const stored = hashOrderToken(token)
  t.ok(orderTokenMatches(token, stored))
  t.notOk(orderTokenMatches(newOrderToken(), stored), 'another token')
  t.notOk(orderTokenMatches(undefined, stored), 'no token')
  t.notOk(orderTokenMatches('short', stored), 'malformed')
  t.notOk(orderTokenMatches(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), stored), 'one character off')
  t.notSame(stored.toString('base64url'), token, 'the hash is not the token')
})
