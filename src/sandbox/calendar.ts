/**
 * Dates and times as PRO sees them: UK local time (Europe/London), with the UTC offset that
 * applies on each day. Calendar days are plain `YYYY-MM-DD` strings.
 */
export type IsoDate = string

const TIME_ZONE = 'Europe/London'
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
const offsetFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' })

export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const
export type DayName = typeof DAY_NAMES[number]

export function londonDate (instant: Date): IsoDate {
  return dayFormat.format(instant)
}

/** The UK offset in force at an instant, as `+01:00` / `+00:00`. */
export function londonOffsetAt (instant: Date): string {
  const zone = offsetFormat.formatToParts(instant).find(part => part.type === 'timeZoneName')?.value ?? 'GMT'
  const offset = zone.replace('GMT', '')
  return offset === '' ? '+00:00' : offset
}

/** The offset of a calendar day, taken at noon (clock changes happen at night). */
export function londonOffsetOn (date: IsoDate): string {
  return londonOffsetAt(new Date(`${date}T12:00:00Z`))
}

/** The instant of a UK wall-clock time (`HH:mm` or `HH:mm:ss`) on a day. */
export function londonInstant (date: IsoDate, time: string): Date {
  const seconds = time.length === 5 ? `${time}:00` : time
  return new Date(`${date}T${seconds}${londonOffsetOn(date)}`)
}

/** An instant written in UK local time with its offset, e.g. `2019-06-17T16:30:00+01:00`. */
export function formatLondon (instant: Date): string {
  const offset = londonOffsetAt(instant)
  const sign = offset.startsWith('-') ? -1 : 1
  const [hours, minutes] = offset.slice(1).split(':').map(Number)
  const local = new Date(instant.getTime() + sign * ((hours ?? 0) * 60 + (minutes ?? 0)) * 60_000)
  return `${local.toISOString().slice(0, 19)}${offset}`
}

/** A calendar day at midnight UTC, the way PRO writes dates (`2019-06-19T00:00:00+00:00`). */
export function midnight (date: IsoDate): string {
  return `${date}T00:00:00+00:00`
}

export function addDays (date: IsoDate, days: number): IsoDate {
  const next = new Date(`${date}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + days)
  return next.toISOString().slice(0, 10)
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday (date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay()
}

export function dayName (date: IsoDate): DayName {
  return DAY_NAMES[weekday(date)] ?? 'Sunday'
}

export function isWorkingDay (date: IsoDate): boolean {
  const day = weekday(date)
  return day >= 1 && day <= 5
}

export function addWorkingDays (date: IsoDate, days: number): IsoDate {
  let current = date
  let left = days
  while (left > 0) {
    current = addDays(current, 1)
    if (isWorkingDay(current)) left -= 1
  }
  return current
}

/** `dd/MM/yyyy`, as PRO writes dates in its messages. */
export function formatUkDate (date: IsoDate): string {
  const [year, month, day] = date.split('-')
  return `${day ?? ''}/${month ?? ''}/${year ?? ''}`
}

/** An instant in UTC the way PRO writes creation dates (`2020-02-10T11:21:07.815+00:00`). */
export function formatUtc (instant: Date): string {
  return instant.toISOString().replace('Z', '+00:00')
}
