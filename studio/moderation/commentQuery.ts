import {COMMENT_STATUSES, type CommentStatus} from '../../contract/comments'
import {DOCUMENT_TYPES} from '../../contract/documents'
import {NEEDS_CARE_FILTER, NEEDS_CARE_PARAMS} from '../structure/pendingCount'

/**
 * The moderation view's search, as GROQ: every value a moderator typed travels as a parameter,
 * never inside the query text, and every read is one page of at most PAGE_SIZE comments. The
 * status comes first and is compared for equality within the type, the shape the lake answers
 * from its value index (content-lake/README.md); the other conditions only narrow that set.
 */

export const PAGE_SIZE = 50

/** Longer search text is cut: nobody types more, and a query stays small. */
const MAX_TEXT = 200

export const STATUS_FILTERS = ['needs-care', ...COMMENT_STATUSES, 'any'] as const
export type StatusFilter = (typeof STATUS_FILTERS)[number]

export interface CommentFilters {
  status: StatusFilter
  /** Words in the comment's text (GROQ `match`: whole words, `word*` for a start). */
  text: string
  name: string
  /** Ignored unless the moderator is staff (see isStaff). */
  email: string
  /** A post's id, or '' for every post. */
  post: string
  /** Calendar days, `YYYY-MM-DD`, both included; '' for no bound. */
  from: string
  to: string
  hasLinks: boolean
  /** Reported by readers at least once (`reportCount`, kept on the record by the site). */
  reported: boolean
}

export const NO_FILTERS: CommentFilters = {status: 'pending', text: '', name: '', email: '', post: '', from: '', to: '', hasLinks: false, reported: false}

/** One row of the moderation list. `email` is only ever read for staff. */
export interface CommentRow {
  _id: string
  status?: CommentStatus
  authorName?: string
  body?: string
  submittedAt?: string
  spamReason?: string
  postTitle?: string
  reportCount?: number
  email?: string
}

export interface CommentPage {
  total: number
  rows: CommentRow[]
}

// A link as the site's hold rule counts them (app/comments/checks/moderation-rules.server.ts):
// GROQ has no regular expressions, so each marker is looked for as a piece of the text.
const LINK_MARKERS = ['http://', 'https://', 'www.']
const HAS_LINKS = `(${LINK_MARKERS.map((marker) => `count(string::split(lower(body), "${marker}")) > 1`).join(' || ')})`

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** The start of a calendar day in the moderator's time zone, as the ISO time the records keep. */
function startOfDay(day: string, offsetDays = 0): string | null {
  if (!DAY.test(day)) return null
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  const start = new Date(year, month - 1, date + offsetDays)
  return Number.isNaN(start.getTime()) ? null : start.toISOString()
}

const searchText = (value: string) => value.trim().slice(0, MAX_TEXT)

/** The filter and its parameters for what the moderator chose. */
export function commentFilter(filters: CommentFilters, {staff}: {staff: boolean}): {filter: string; params: Record<string, string>} {
  const conditions: string[] = []
  const params: Record<string, string> = {}
  if (filters.status === 'needs-care') {
    conditions.push(NEEDS_CARE_FILTER)
    Object.assign(params, NEEDS_CARE_PARAMS)
  } else {
    conditions.push(`_type == "${DOCUMENT_TYPES.comment}"`)
    if (filters.status !== 'any') {
      conditions.push('status == $status')
      params.status = filters.status
    }
  }
  if (filters.post) {
    conditions.push('post._ref == $post')
    params.post = filters.post
  }
  const from = startOfDay(filters.from)
  if (from) {
    conditions.push('submittedAt >= $from')
    params.from = from
  }
  // Up to the end of the day chosen: before the start of the next.
  const to = startOfDay(filters.to, 1)
  if (to) {
    conditions.push('submittedAt < $to')
    params.to = to
  }
  const matches: [keyof CommentFilters & string, string, boolean][] = [
    ['text', 'body', true],
    ['name', 'authorName', true],
    ['email', 'email', staff],
  ]
  for (const [key, field, allowed] of matches) {
    const value = searchText(String(filters[key]))
    if (!allowed || !value) continue
    conditions.push(`${field} match $${key}`)
    params[key] = value
  }
  if (filters.hasLinks) conditions.push(HAS_LINKS)
  if (filters.reported) conditions.push('reportCount > 0')
  return {filter: conditions.join(' && '), params}
}

/** The query for one page (0-based), newest first, with the total for "n of m". */
export function commentPageQuery(
  filters: CommentFilters,
  {staff, page}: {staff: boolean; page: number},
): {query: string; params: Record<string, string | number>} {
  const {filter, params} = commentFilter(filters, {staff})
  const projection = `{_id, status, authorName, body, submittedAt, spamReason, "postTitle": post->title, reportCount${staff ? ', email' : ''}}`
  const start = Math.max(0, Math.floor(page)) * PAGE_SIZE
  return {
    query: `{"total": count(*[${filter}]), "rows": *[${filter}] | order(submittedAt desc) [$start...$end] ${projection}}`,
    params: {...params, start, end: start + PAGE_SIZE},
  }
}

/** Posts to filter by, newest first; bounded like every other read here. */
export const POSTS_QUERY = `*[_type == "${DOCUMENT_TYPES.post}" && defined(title)] | order(coalesce(publishedAt, _createdAt) desc) [0...500] {_id, title}`
