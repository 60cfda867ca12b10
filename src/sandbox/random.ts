/** The largest seed: the generator's whole state is one unsigned 32-bit integer. */
export const MAX_SEED = 0xFFFF_FFFF

/**
 * A seeded source of numbers in [0, 1) for the simulator's fault rolls and latency jitter, so a
 * fault run can be reproduced: mulberry32 (Tommy Ettinger, 2017), one 32-bit state, period 2^32.
 * Not for anything that must not be guessed.
 */
export function seededRandom (seed: number): () => number {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) throw new RangeError(`a seed is an integer from 0 to ${MAX_SEED}, got ${seed}`)
  let state = seed
  return () => {
    state = (state + 0x6D2B79F5) >>> 0
    let mixed = Math.imul(state ^ (state >>> 15), state | 1)
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61)
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32
  }
}
