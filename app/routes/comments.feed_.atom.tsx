import {renderAtom} from '~/feeds/atom'
import {getSiteCommentsFeed} from '~/feeds/feeds.server'

/** Atom 1.0 of the newest approved comments on the whole blog, at WordPress's /comments/feed/atom/. */
export async function loader() {
  const feed = await getSiteCommentsFeed('/comments/feed/atom/')
  return new Response(renderAtom(feed), {headers: {'Content-Type': 'application/atom+xml; charset=utf-8'}})
}
