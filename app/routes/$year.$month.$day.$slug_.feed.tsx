import type {LoaderFunctionArgs} from '@remix-run/node'
import {redirect} from '@remix-run/node'
import {getCommentsFeed} from '~/feeds/feeds.server'
import {renderRss} from '~/feeds/rss'

/** RSS 2.0 of a post's approved comments, at WordPress's /YYYY/MM/DD/slug/feed/. */
export async function loader({params, request}: LoaderFunctionArgs) {
  const result = await getCommentsFeed(params.slug ?? '')
  if (!result) throw new Response(null, {status: 404, statusText: 'Not Found'})
  const path = new URL(request.url).pathname.replace(/\/?$/, '/')
  if (path !== result.canonicalPath) throw redirect(result.canonicalPath, 301)
  return new Response(renderRss(result.feed), {headers: {'Content-Type': 'application/rss+xml; charset=utf-8'}})
}
