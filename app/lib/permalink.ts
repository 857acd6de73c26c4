export interface DateParts {
  year: string
  month: string
  day: string
}

/**
 * One formatter per time zone and style, made on first use: making an Intl.DateTimeFormat costs
 * far more than formatting with it, and a sitemap or listing formats thousands of dates.
 */
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatterFor(timeZone: string, style: 'parts' | 'long'): Intl.DateTimeFormat {
  const key = `${style} ${timeZone}`
  let formatter = formatters.get(key)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(
      'en-US',
      style === 'parts' ? {timeZone, year: 'numeric', month: '2-digit', day: '2-digit'} : {timeZone, dateStyle: 'long'},
    )
    formatters.set(key, formatter)
  }
  return formatter
}

/** The calendar date of an instant in the blog's time zone, as WordPress dates its addresses. */
export function datePartsInTimeZone(iso: string, timeZone: string): DateParts {
  const parts = formatterFor(timeZone, 'parts').formatToParts(new Date(iso))
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return {year: part('year'), month: part('month'), day: part('day')}
}

/** The canonical address of a post: `/YYYY/MM/DD/slug/`, WordPress's "day and name". */
export function postPath(post: {publishedAt: string; slug: string}, timeZone: string): string {
  const {year, month, day} = datePartsInTimeZone(post.publishedAt, timeZone)
  return `/${year}/${month}/${day}/${encodeURIComponent(post.slug)}/`
}

/** "July 25, 2013", the date as the original blog showed it. */
export function formatPostDate(iso: string, timeZone: string): string {
  return formatterFor(timeZone, 'long').format(new Date(iso))
}

/** WordPress's slug for a free-text tag: "Sex Therapy" → "sex-therapy". */
export function tagSlug(tag: string): string {
  return tag
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

export const categoryPath = (slug: string) => `/category/${encodeURIComponent(slug)}/`
export const tagPath = (tag: string) => `/tag/${encodeURIComponent(tagSlug(tag))}/`
export const authorPath = (slug: string) => `/author/${encodeURIComponent(slug)}/`

/** Page `n` of an archive at `base` (which ends in a slash): WordPress's `/page/n/`. */
export function pagedPath(base: string, page: number): string {
  return page <= 1 ? base : `${base}page/${page}/`
}
