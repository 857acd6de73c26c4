/**
 * WordPress dates: `post_date_gmt` is the instant; drafts never scheduled have none
 * ("0000-00-00 00:00:00"), only the local `post_date`, read in the blog's time zone.
 */
const UNSET = /^0000-00-00/

function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant)
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'))
  return Math.round((asUtc - instant.getTime()) / 60_000)
}

function parse(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim())
  if (!match || UNSET.test(value)) return undefined
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[]
  return new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!))
}

/** The instant, or undefined when the export has neither date. */
export function wordpressInstant(gmt: string, local: string, timeZone: string): Date | undefined {
  const exact = parse(gmt)
  if (exact) return exact
  const wallClock = parse(local)
  if (!wallClock) return undefined
  return new Date(wallClock.getTime() - offsetMinutes(wallClock, timeZone) * 60_000)
}

/** WordPress keeps whole seconds: written without a fraction, as the seed and the hosted API's own timestamps are. */
export function isoSeconds(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
