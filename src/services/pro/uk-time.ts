/*
 * PRO writes some times without an offset (a quote's `EarliestDeliveryDate: "2019-05-02T00:00:00"`);
 * it means UK local time, so they are read in Europe/London (GMT in winter, BST in summer).
 */

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit'
})

/** London's offset from UTC at an instant, in minutes (0 or 60). */
function londonOffsetMinutesAt (epochMs: number): number {
  const parts = Object.fromEntries(LONDON.formatToParts(new Date(epochMs)).map((part) => [part.type, Number(part.value)]))
  const wallClockAsUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!)
  return Math.round((wallClockAsUtc - Math.floor(epochMs / 1000) * 1000) / 60_000)
}

function offsetText (minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const size = Math.abs(minutes)
  return `${sign}${String(Math.floor(size / 60)).padStart(2, '0')}:${String(size % 60).padStart(2, '0')}`
}

/**
 * The `±HH:mm` offset of a London wall-clock time (`YYYY-MM-DDTHH:mm[:ss]`). In the hour the clocks
 * go back, which happens twice, the later (GMT) is taken; a time the clocks skipped is read as GMT.
 */
export function londonOffsetOf (wallClock: string): string | undefined {
  const asUtc = Date.parse(`${wallClock}Z`)
  if (Number.isNaN(asUtc)) return undefined
  const guess = londonOffsetMinutesAt(asUtc)
  return offsetText(londonOffsetMinutesAt(asUtc - guess * 60_000))
}
