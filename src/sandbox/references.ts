import { randomInt, randomUUID } from 'node:crypto'

export type ReferencePrefix = 'EC' | 'EO' | 'EDO' | 'EP' | 'EPC'

const BASE36_DIGITS = 9
const BASE36_SPACE = 36 ** BASE36_DIGITS

/**
 * Hands out PRO-shaped references (`EC-000-05B-MMA`), GUIDs and tracking numbers. Counters start
 * at a random point so that a restarted stand-alone simulator does not reissue references a BFF
 * database may still hold from an earlier run.
 */
export class ReferenceGenerator {
  private readonly counters = new Map<ReferencePrefix, number>()
  private tracking = randomInt(1_000_000, 9_000_000) * 100

  next (prefix: ReferencePrefix): string {
    const current = this.counters.get(prefix) ?? randomInt(36 ** 5, 36 ** 7)
    this.counters.set(prefix, (current + 1) % BASE36_SPACE)
    const digits = current.toString(36).toUpperCase().padStart(BASE36_DIGITS, '0')
    return `${prefix}-${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`
  }

  guid (): string {
    return randomUUID()
  }

  /** 32 hex characters, the shape of PRO item and manifest references. */
  hex32 (): string {
    return randomUUID().replaceAll('-', '')
  }

  trackingNumber (carrierReference: string): string {
    this.tracking += 1
    const serial = String(this.tracking).padStart(9, '0')
    switch (carrierReference) {
      case 'ROYAL_MAIL': return `RM${serial}GB`
      case 'DPD': return `15501${serial}`
      case 'EVRI': return `H01A${serial}000`
      default: return `TRK${serial}`
    }
  }
}
