import {renderAtom} from '~/feeds/atom'
import {getPostsFeed} from '~/feeds/feeds.server'

/** Atom 1.0 of the newest posts, at WordPress's /feed/atom/. */
export async function loader() {
  const feed = await getPostsFeed('/feed/atom/')
  return new Response(renderAtom(feed), {headers: {'Content-Type': 'application/atom+xml; charset=utf-8'}})
}
