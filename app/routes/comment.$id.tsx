import type {LoaderFunctionArgs} from '@remix-run/node'
import {redirect} from '@remix-run/node'
import {findCommentAddress} from '~/comments/comment-address.server'
import {commentIdFromPage} from '~/comments/comment-pages'

/**
 * `/comment/123/`: a comment's own address, for `#comment-123` anchors that a post's first page
 * of comments cannot answer (the fragment never reaches the server, so the post page's script
 * asks here). A 302: the page a comment is on changes as the thread grows.
 */
export async function loader({params}: LoaderFunctionArgs) {
  const id = commentIdFromPage(params.id)
  const address = id ? await findCommentAddress(id) : null
  if (!address) throw new Response(null, {status: 404, statusText: 'Not Found'})
  return redirect(address, 302)
}
