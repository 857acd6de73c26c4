import {type ArchiveDate, dateArchiveRange, formatArchiveDate} from '~/lib/date-range'
import {authorPath, categoryPath, tagPath, tagSlug} from '~/lib/permalink'
import {type ListingRequest, type PostSummary, readAllTags, readListing, summaryView, type SummaryView} from '~/sanity/content.server'
import {getSiteSettings} from '~/sanity/site-settings.server'

/** WordPress's default "Blog pages show at most" setting. */
export const PAGE_SIZE = 10

export type Archive =
  | {kind: 'home'}
  | {kind: 'category'; slug: string}
  | {kind: 'tag'; slug: string}
  | {kind: 'author'; slug: string}
  | {kind: 'date'; date: ArchiveDate}
  | {kind: 'search'; terms: string}

export interface ArchiveView {
  kind: Archive['kind']
  /** "Category: Sexual Health", as WordPress titles its archives; null on the home page. */
  heading: string | null
  description: string | null
  /** A category's parent category, shown above its heading as WordPress's breadcrumbs do. */
  parent: {title: string; path: string} | null
  /** Page 1's address; later pages add `page/n/` (search adds `&page=n`). */
  basePath: string
  page: number
  pageCount: number
  total: number
  posts: SummaryView[]
}

/**
 * WordPress's home page: page 1 shows every sticky post first (newest first), then that page's
 * posts without them; later pages are the plain list, so page counts do not change.
 */
export function withStickyFirst(posts: PostSummary[], sticky: PostSummary[]): PostSummary[] {
  const stickyIds = new Set(sticky.map((post) => post._id))
  return [...sticky, ...posts.filter((post) => !stickyIds.has(post._id))]
}

function dateBasePath({year, month, day}: ArchiveDate): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `/${year}/${month ? `${pad(month)}/` : ''}${day ? `${pad(day)}/` : ''}`
}

/** Reader's words as a GROQ `match` pattern: each word also matches as a prefix ("therap" finds "therapy"). */
export function searchPattern(terms: string): string[] {
  return terms
    .split(/\s+/)
    .map((word) => word.replace(/[^\p{L}\p{N}'’-]/gu, ''))
    .filter(Boolean)
    .slice(0, 8)
    .map((word) => `${word}*`)
}

/**
 * One page of an archive, or null when the archive does not exist (an unknown category, an
 * empty date) or the page is past its end.
 */
export async function getArchivePage(archive: Archive, page: number): Promise<ArchiveView | null> {
  const slice = {start: (page - 1) * PAGE_SIZE, end: page * PAGE_SIZE}
  let request: ListingRequest
  let heading: string | null = null
  let basePath: string
  switch (archive.kind) {
    case 'home':
      ;[request, basePath] = [{kind: 'home', firstPage: page === 1, ...slice}, '/']
      break
    case 'category':
      ;[request, basePath] = [{kind: 'category', ...slice, slug: archive.slug}, categoryPath(archive.slug)]
      break
    case 'author':
      ;[request, basePath] = [{kind: 'author', ...slice, slug: archive.slug}, authorPath(archive.slug)]
      break
    case 'tag': {
      // Tags are free text: find the one whose address this is.
      const tags = await readAllTags()
      const tag = tags.find((candidate) => candidate !== null && tagSlug(candidate) === archive.slug)
      if (!tag) return null
      ;[request, basePath, heading] = [{kind: 'tag', ...slice, tag, slug: archive.slug}, tagPath(tag), `Tag: ${tag}`]
      break
    }
    case 'date': {
      const {timeZone} = await getSiteSettings()
      const range = dateArchiveRange(archive.date, timeZone)
      const label = archive.date.day ? 'Day' : archive.date.month ? 'Month' : 'Year'
      heading = `${label}: ${formatArchiveDate(archive.date)}`
      ;[request, basePath] = [{kind: 'date', ...slice, ...range}, dateBasePath(archive.date)]
      break
    }
    case 'search': {
      const pattern = searchPattern(archive.terms)
      heading = pattern.length > 0 ? `Search Results for: ${archive.terms}` : 'Search'
      basePath = `/search/?q=${encodeURIComponent(archive.terms)}`
      if (pattern.length === 0) {
        return {kind: 'search', heading, description: null, parent: null, basePath, page: 1, pageCount: 1, total: 0, posts: []}
      }
      request = {kind: 'search', ...slice, terms: pattern}
      break
    }
  }
  const listing = await readListing(request)
  if (!listing) return null
  if (archive.kind === 'category' || archive.kind === 'author') {
    if (!listing.term) return null
    heading = `${archive.kind === 'category' ? 'Category' : 'Author'}: ${listing.term.title}`
  }
  // WordPress answers 404 for an empty date archive; a category with no posts yet still exists.
  if (archive.kind === 'date' && listing.total === 0) return null
  const pageCount = Math.max(1, Math.ceil(listing.total / PAGE_SIZE))
  if (page > pageCount) return null
  return {
    kind: archive.kind,
    heading,
    description: listing.term?.description ?? null,
    parent: listing.term?.parent ? {title: listing.term.parent.title, path: categoryPath(listing.term.parent.slug)} : null,
    basePath,
    page,
    pageCount,
    total: listing.total,
    posts: withStickyFirst(listing.posts, listing.sticky ?? []).map((post) => summaryView(post, listing.timeZone)),
  }
}
