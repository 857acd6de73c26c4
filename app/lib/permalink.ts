export interface DateParts {
  year: string
  month: string
  day: string
}

/** The calendar date of an instant in the blog's time zone, as WordPress dates its addresses. */
export function datePartsInTimeZone(iso: string, timeZone: string): DateParts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(iso))
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
  return new Intl.DateTimeFormat('en-US', {timeZone, dateStyle: 'long'}).format(new Date(iso))
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
