import {renderRss} from '~/feeds/rss'
import {getPostsFeed} from '~/feeds/feeds.server'

/** RSS 2.0 of the newest posts, at WordPress's /feed/. */
export async function loader() {
  const feed = await getPostsFeed('/feed/')
  return new Response(renderRss(feed), {headers: {'Content-Type': 'application/rss+xml; charset=utf-8'}})
}
