import t from 'tap'
import { addWorkingDays, formatLondon, londonDate, londonInstant, londonOffsetOn } from '../../src/sandbox/calendar.js'

t.test('UK offsets follow summer time', async t => {
  t.equal(londonOffsetOn('2025-01-15'), '+00:00')
  t.equal(londonOffsetOn('2025-07-15'), '+01:00')
  t.equal(londonInstant('2025-07-15', '17:00').toISOString(), '2025-07-15T16:00:00.000Z')
  t.equal(londonInstant('2025-01-15', '17:00').toISOString(), '2025-01-15T17:00:00.000Z')
  t.equal(formatLondon(new Date('2025-07-15T16:00:00Z')), '2025-07-15T17:00:00+01:00')
  t.equal(londonDate(new Date('2025-07-15T23:30:00Z')), '2025-07-16', 'half past midnight in London is the next day')
})

t.test('working days skip weekends', async t => {
  t.equal(addWorkingDays('2025-06-06', 1), '2025-06-09', 'Friday + 1 = Monday')
  t.equal(addWorkingDays('2025-06-05', 2), '2025-06-09', 'Thursday + 2 = Monday')
  t.equal(addWorkingDays('2025-06-02', 0), '2025-06-02')
})
