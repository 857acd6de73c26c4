import {redirect} from '@remix-run/node'
import {z} from 'zod'
import {renderBodyHtml} from '~/components/body-html.server'
import {excerpt} from '~/lib/excerpt'
import {responsiveImage, socialImageUrl} from '~/lib/sanity-image'
import {ImageValue, PageAddress, pagePath, prepareBody, readPagesBySlug} from '~/sanity/content.server'
import {findNewAddress} from './old-addresses.server'
import {getSiteSettings} from '~/sanity/site-settings.server'

/**
 * Pages (About, Fees…) at the addresses WordPress gave them, `/about/` or `/about/team/`.
 * Their addresses overlap the blog's date archives (`/2013/`, `/2013/07/`…), so the routes
 * that answer those ask here before answering 404.
 */
const Page = PageAddress.extend({
  _id: z.string(),
  title: z.string(),
  _updatedAt: z.string().nullish(),
  excerpt: z
    .string()
    .nullish()
    .transform((text) => excerpt(text ?? '')),
  body: z
    .array(z.looseObject({_type: z.string(), _key: z.string().optional()}))
    .nullish()
    .transform((blocks) => blocks ?? []),
  mainImage: ImageValue.nullish(),
})

export async function getPageAt(pathname: string) {
  const path = pathname.replace(/\/?$/, '/')
  const segments = path.split('/').filter(Boolean)
  if (segments.length === 0 || segments.length > 6) return null
  let slug: string
  try {
    slug = decodeURIComponent(segments.at(-1)!)
  } catch {
    return null
  }
  const [pages, {timeZone}] = await Promise.all([readPagesBySlug(slug), getSiteSettings()])
  const page = z
    .array(Page)
    .parse(pages ?? [])
    .find((candidate) => pagePath(candidate) === path)
  if (!page) return null
  return {
    id: page._id,
    title: page.title,
    path,
    excerpt: page.excerpt,
    updatedAt: page._updatedAt ?? null,
    bodyHtml: renderBodyHtml(prepareBody(page.body, timeZone)),
    mainImageView: page.mainImage?.asset ? {alt: page.mainImage.alt ?? null, responsive: responsiveImage(page.mainImage)} : null,
    socialImage: page.mainImage ? socialImageUrl(page.mainImage) : null,
  }
}
export type PageView = NonNullable<Awaited<ReturnType<typeof getPageAt>>>

/**
 * For an address no route has content for: the WordPress page there, a 301 to where the old
 * address now lives, or a real 404.
 */
export async function pageOrMoved(request: Request): Promise<{page: PageView}> {
  const url = new URL(request.url)
  const page = await getPageAt(url.pathname)
  if (page) return {page}
  const moved = await findNewAddress(url.pathname, {pageExists: async (path) => (await getPageAt(path)) !== null})
  if (moved) throw redirect(moved, 301)
  throw new Response(null, {status: 404, statusText: 'Not Found'})
}
