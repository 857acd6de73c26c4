import {getSiteCommentsFeed} from '~/feeds/feeds.server'
import {renderRss} from '~/feeds/rss'

/** RSS 2.0 of the newest approved comments on the whole blog, at WordPress's /comments/feed/. */
export async function loader() {
  const feed = await getSiteCommentsFeed('/comments/feed/')
  return new Response(renderRss(feed), {headers: {'Content-Type': 'application/rss+xml; charset=utf-8'}})
}
