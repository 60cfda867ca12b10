import t from 'tap'
import { hashOrderToken, newOrderToken, orderTokenMatches } from '../../../src/services/checkout/order-token.js'

t.test('tokens are long, random and URL-safe', async (t) => {
  const tokens = new Set(Array.from({ length: 100 }, newOrderToken))
  t.equal(tokens.size, 100)
  for (const token of tokens) t.match(token, /^[A-Za-z0-9_-]{43}$/, '256 bits in base64url')
})

t.test('the stored hash is the SHA-256 of the token', async (t) => {
  t.equal(hashOrderToken('abc').toString('hex'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', 'FIPS 180-2 test vector')
  // Digest computed once with `echo -n <token> | sha256sum`.
  const token = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ'
  const stored = Buffer.from('46a2199782c8827f0ac56f503be9d39efee97f40a736b92cc7d7c5f825cfd851', 'hex')
  t.equal(hashOrderToken(token).toString('hex'), stored.toString('hex'))
  t.ok(orderTokenMatches(token, stored), 'a token matches a hash stored by anyone who used SHA-256')
  t.notOk(orderTokenMatches(token, Buffer.from(token, 'utf8')), 'the token itself is not a stored hash')
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
