/** A date archive: a year, a month of it, or a day of that. */
export interface ArchiveDate {
  year: number
  month?: number
  day?: number
}

/** How far the wall clock in `timeZone` is ahead of UTC at the instant `time` (ms). */
function offsetAt(time: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(time)
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const wallClock = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'))
  return wallClock - Math.floor(time / 1000) * 1000
}

/** The instant midnight starts on a calendar day in `timeZone` (daylight saving included). */
export function startOfDay(year: number, month: number, day: number, timeZone: string): Date {
  const asUtc = Date.UTC(year, month - 1, day)
  let time = asUtc - offsetAt(asUtc, timeZone)
  // Across a clock change the first guess lands on the other offset; one correction settles it.
  time = asUtc - offsetAt(time, timeZone)
  return new Date(time)
}

/** The half-open range of instants `[from, to)` a date archive covers in the blog's time zone. */
export function dateArchiveRange({year, month, day}: ArchiveDate, timeZone: string): {from: string; to: string} {
  const from = startOfDay(year, month ?? 1, day ?? 1, timeZone)
  const to =
    day !== undefined
      ? startOfDay(year, month!, day + 1, timeZone)
      : month !== undefined
        ? startOfDay(year, month + 1, 1, timeZone)
        : startOfDay(year + 1, 1, 1, timeZone)
  return {from: from.toISOString(), to: to.toISOString()}
}

/** Whether the numbers name a real calendar date (no 31 February). */
export function isRealDate({year, month, day}: ArchiveDate): boolean {
  if (year < 1000 || year > 9999) return false
  if (month === undefined) return day === undefined
  if (month < 1 || month > 12) return false
  if (day === undefined) return true
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** "2013", "July 2013" or "July 25, 2013", as WordPress titles its date archives. */
export function formatArchiveDate({year, month, day}: ArchiveDate): string {
  const date = new Date(Date.UTC(year, (month ?? 1) - 1, day ?? 1))
  if (month === undefined) return String(year)
  if (day === undefined) return new Intl.DateTimeFormat('en-US', {timeZone: 'UTC', month: 'long', year: 'numeric'}).format(date)
  return new Intl.DateTimeFormat('en-US', {timeZone: 'UTC', dateStyle: 'long'}).format(date)
}
