import type {ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction} from '@remix-run/node'
import {redirect} from '@remix-run/node'
import {useActionData, useLoaderData, useRouteError} from '@remix-run/react'
import {type CommentActionFailure, handleCommentPost} from '~/comments/comment-action.server'
import {loadCommentsSection} from '~/comments/comments-loader.server'
import {handleInlineModeration, readModerationPost} from '~/moderation/inline-moderation.server'
import {CommentsSection} from '~/comments/components/comments-section'
import {UnsavedComment} from '~/comments/components/unsaved-comment'
import {ErrorPage} from '~/components/error-page'
import {PostArticle} from '~/components/post-article'
import {PostNavigation} from '~/components/post-navigation'
import {RelatedPosts} from '~/components/related-posts'
import {getEnv} from '~/env.server'
import {blogPostingJsonLd} from '~/lib/json-ld'
import {seoMeta, siteFromMatches} from '~/lib/seo'
import {getPostPage} from '~/sanity/content.server'
import {findNewAddress} from '~/pages/old-addresses.server'
import {isPage, PageArticle, pageMeta} from '~/pages/page-article'
import {pageOrMoved} from '~/pages/page.server'
import {useFarCommentAnchor} from '~/components/comment-anchor'
import authStyles from '~/styles/auth.css'
import commentsStyles from '~/styles/comments.css'
import {keepDataAfterFailedAction} from '~/lib/revalidation'

function notFound(): Response {
  return new Response(null, {status: 404, statusText: 'Not Found'})
}

export async function loader({params, request}: LoaderFunctionArgs) {
  const {year, month, day, slug} = params
  // The trailing slash is the server's job: Remix's data requests arrive without it.
  const withSlash = new URL(request.url).pathname.replace(/\/?$/, '/')
  if (!/^\d{4}$/.test(year ?? '') || !/^\d{2}$/.test(month ?? '') || !/^\d{2}$/.test(day ?? '')) {
    // Not a date: a page nested four levels deep (/about/team/rooms/quiet/), or an address in
    // the old blog's own structure (an attachment's page…).
    return pageOrMoved(request)
  }
  const page = await getPostPage(slug ?? '')
  if (!page) {
    // A post moved from WordPress under another name still answers at its old address.
    const moved = await findNewAddress(withSlash)
    if (moved) throw redirect(moved, 301)
    throw notFound()
  }
  // One address per post, as WordPress had it: another date moves to the right one.
  const {post} = page
  if (withSlash !== post.canonicalPath) throw redirect(post.canonicalPath, 301)
  const comments = await loadCommentsSection(request, {_id: post.id, title: post.title, author: post.author}, page.comments)
  // Built here, not in `meta`: meta runs in the browser too, and this code would cost the page's script budget.
  const site = {title: page.blogTitle, url: getEnv().SITE_URL.replace(/\/$/, '')}
  const jsonLd = blogPostingJsonLd(site, {
    title: post.title,
    path: post.canonicalPath,
    description: post.excerpt,
    publishedAt: post.publishedAt,
    updatedAt: post.updatedAt,
    author: post.author,
    image: post.socialImage?.url ?? null,
    categories: post.categories,
    tags: post.tags,
  })
  return {post, comments, jsonLd}
}

export const shouldRevalidate = keepDataAfterFailedAction

export const links: LinksFunction = () => [
  {rel: 'stylesheet', href: commentsStyles},
  {rel: 'stylesheet', href: authStyles},
]

/** A comment posted from the form on this page, or a moderator's button on a held comment. */
export async function action({params, request, context}: ActionFunctionArgs) {
  const moderation = await readModerationPost(request)
  if (moderation) return handleInlineModeration(request, moderation, {slug: params.slug ?? ''})
  return handleCommentPost(request, {slug: params.slug ?? '', clientAddress: context.clientAddress})
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const {data, matches} = args
  if (isPage(data)) return pageMeta(args as unknown as Parameters<typeof pageMeta>[0])
  const site = siteFromMatches(matches)
  if (!data) return [{title: `Page not found | ${site.title}`}]
  const {post} = data
  const image = post.socialImage
  return seoMeta(site, {
    title: post.title,
    description: post.excerpt,
    path: post.canonicalPath,
    type: 'article',
    image: image ? {...image, alt: post.mainImage?.alt} : null,
    publishedTime: post.publishedAt,
    modifiedTime: post.updatedAt,
    jsonLd: data.jsonLd,
  })
}

export default function PostPage() {
  const data = useLoaderData<typeof loader>()
  useFarCommentAnchor()
  if (isPage(data)) return <PageArticle page={data.page} />
  const {post, comments} = data
  return (
    <>
      <PostArticle post={post} />
      <CommentsSection section={comments} />
      <RelatedPosts posts={post.related} />
      <PostNavigation previous={post.previous} next={post.next} />
    </>
  )
}

/** Errors on this page, and whatever a reader was posting when it happened, given back to them. */
export function ErrorBoundary() {
  const error = useRouteError()
  const unsaved = useActionData<CommentActionFailure>()?.comment
  return (
    <>
      <ErrorPage error={error} />
      {unsaved ? <UnsavedComment failure={unsaved} /> : null}
    </>
  )
}
