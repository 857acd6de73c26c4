import type {LoaderFunctionArgs, MetaFunction} from '@remix-run/node'
import {redirect} from '@remix-run/node'
import {useLoaderData} from '@remix-run/react'
import {PostBody} from '~/components/portable-text'
import {formatPostDate, postPath} from '~/lib/permalink'
import {getPostBySlug} from '~/sanity/content.server'

function notFound(): Response {
  return new Response(null, {status: 404, statusText: 'Not Found'})
}

export async function loader({params, request}: LoaderFunctionArgs) {
  const {year, month, day, slug} = params
  if (!/^\d{4}$/.test(year ?? '') || !/^\d{2}$/.test(month ?? '') || !/^\d{2}$/.test(day ?? '')) {
    throw notFound()
  }
  const {timeZone, post} = await getPostBySlug(slug ?? '')
  if (!post) throw notFound()

  // One address per post, as WordPress had it: another date moves to the right one. (The
  // trailing slash is the server's job: Remix's data requests arrive without it.)
  const canonical = postPath(post, timeZone)
  const withSlash = new URL(request.url).pathname.replace(/\/?$/, '/')
  if (withSlash !== canonical) throw redirect(canonical, 301)

  return {
    post: {
      title: post.title,
      publishedAt: post.publishedAt,
      date: formatPostDate(post.publishedAt, timeZone),
      body: post.body,
      author: post.author ?? null,
      categories: post.categories,
      excerpt: post.excerpt,
    },
  }
}

export const meta: MetaFunction<typeof loader> = ({data, matches}) => {
  const root = matches.find((match) => match.id === 'root')?.data as
    | {settings?: {title?: string}}
    | undefined
  const blog = root?.settings?.title ?? 'Life in Balance'
  if (!data) return [{title: `Page not found | ${blog}`}]
  return [
    {title: `${data.post.title} | ${blog}`},
    {name: 'description', content: data.post.excerpt},
  ]
}

export default function PostPage() {
  const {post} = useLoaderData<typeof loader>()
  return (
    <article className="post">
      <header className="post-header">
        <h1>{post.title}</h1>
        <p className="post-meta">
          <time dateTime={post.publishedAt}>{post.date}</time>
          {post.author ? (
            <>
              {' · '}
              <span className="byline">By {post.author.name}</span>
            </>
          ) : null}
        </p>
      </header>
      <div className="post-body">
        <PostBody value={post.body} />
      </div>
      {post.author?.bio ? (
        <footer className="author-note">
          <p>
            <em>{post.author.bio}</em>
          </p>
        </footer>
      ) : null}
      {post.categories.length > 0 ? (
        <p className="post-categories">
          Posted in {post.categories.map((category) => category.title).join(', ')}
        </p>
      ) : null}
    </article>
  )
}
