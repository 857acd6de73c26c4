import type {LoaderFunctionArgs, MetaFunction} from '@remix-run/node'
import {useLoaderData} from '@remix-run/react'
import {PostArticle} from '~/components/post-article'
import {checkPreviewLink} from '~/preview/preview-link.server'
import {getPostPreview} from '~/sanity/preview.server'

// Made for one editor: never cached, never indexed, and the link (a credential for an hour)
// is not sent to the sites the post links to.
const PRIVATE = {'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex, nofollow', 'Referrer-Policy': 'same-origin'}

export async function loader({params}: LoaderFunctionArgs) {
  const link = checkPreviewLink(params.token ?? '')
  if (!link.ok) {
    throw new Response(null, {status: link.reason === 'expired' ? 410 : 404, headers: PRIVATE})
  }
  const post = await getPostPreview(link.data.id)
  if (!post) throw new Response(null, {status: 404, headers: PRIVATE})
  return {post}
}

export const headers = () => PRIVATE

export const meta: MetaFunction<typeof loader> = ({data}) => [
  {title: data ? `Preview: ${data.post.title}` : 'Preview'},
  {name: 'robots', content: 'noindex, nofollow'},
]

export default function PreviewPage() {
  const {post} = useLoaderData<typeof loader>()
  return (
    <>
      <p className="preview-banner" role="status">
        Preview: this is how the post looks with your latest changes. Readers see it once it is published.
      </p>
      <PostArticle post={post} />
    </>
  )
}

export function ErrorBoundary() {
  return (
    <article className="error-page">
      <h1>This preview link no longer works</h1>
      <p>Preview links last an hour. Open the post in Studio and press “Preview on site” again.</p>
    </article>
  )
}
