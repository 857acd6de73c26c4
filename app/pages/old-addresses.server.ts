import {categoryPath, postPath} from '~/lib/permalink'
import {findLegacyPath, readCategoryParents, readPostAddressBySlug} from '~/sanity/content.server'

/**
 * Where an address a WordPress blog had now lives: a 301 target, or null for a real 404.
 * An address is one a post or page had (its permalink in the old structure, an old slug, an
 * attachment page: see findLegacyPath), or one of WordPress's additions to a post's address:
 * `comment-page-N/` (a page of its comments), `amp/`, `feed/` (its comments' feed),
 * `trackback/`, `embed/`. Site-wide feed aliases lead to the site's feed. A subcategory's
 * nested address (`/category/anxiety/sleep/`) leads to its own (`/category/sleep/`).
 */
const SITE_FEED_ALIASES = new Set(['/feed/rss2/', '/feed/rss/', '/feed/rdf/', '/rss/', '/rss2/', '/feed/atom/'])

const SUFFIXES: {pattern: RegExp; target(base: string, match: RegExpExecArray): string | null}[] = [
  // No fragment of our own: the browser keeps the one the old link had (`#comment-123`).
  {pattern: /^(\/.*\/)comment-page-(\d{1,6})\/$/, target: (base, match) => `${base}?cpage=${match[2]}`},
  {pattern: /^(\/.*\/)(?:amp|trackback|embed)\/$/, target: (base) => base},
  // Only a post has a comments feed; a page's old feed is gone.
  {pattern: /^(\/.*\/)feed\/(?:rss2\/|rss\/|rdf\/|atom\/)?$/, target: (base) => (/^\/\d{4}\/\d{2}\/\d{2}\//.test(base) ? `${base}feed/` : null)},
]

/** A post at its own date address (`/2013/07/25/slug/`): the address, as the site makes it. */
async function currentPostPath(path: string): Promise<string | null> {
  const match = /^\/\d{4}\/\d{2}\/\d{2}\/([^/]+)\/$/.exec(path)
  if (!match) return null
  let slug: string
  try {
    slug = decodeURIComponent(match[1]!)
  } catch {
    return null
  }
  const {timeZone, post} = await readPostAddressBySlug(slug)
  return post ? postPath(post, timeZone) : null
}

/** `/category/<parents>/<slug>/`, when those are the category's parents. */
async function nestedCategoryPath(path: string): Promise<string | null> {
  const match = /^\/category\/((?:[^/]+\/){1,4})([^/]+)\/$/.exec(path)
  if (!match) return null
  let parents: string[]
  let slug: string
  try {
    parents = match[1]!.split('/').filter(Boolean).map(decodeURIComponent).reverse()
    slug = decodeURIComponent(match[2]!)
  } catch {
    return null
  }
  const actual = await readCategoryParents(slug)
  if (!actual || actual.length !== parents.length || actual.some((parent, i) => parent !== parents[i])) return null
  return categoryPath(slug)
}

export async function findNewAddress(pathname: string, {pageExists}: {pageExists?: (path: string) => Promise<boolean>} = {}): Promise<string | null> {
  const path = pathname.replace(/\/?$/, '/')
  if (SITE_FEED_ALIASES.has(path)) return path === '/feed/atom/' ? null : '/feed/'
  const moved = (await findLegacyPath(path)) ?? (await nestedCategoryPath(path))
  if (moved) return moved
  for (const suffix of SUFFIXES) {
    const match = suffix.pattern.exec(path)
    if (!match) continue
    const base = match[1]!
    const current = (await currentPostPath(base)) ?? (await findLegacyPath(base)) ?? ((await pageExists?.(base)) ? base : null)
    if (current) return suffix.target(current, match)
  }
  return null
}
