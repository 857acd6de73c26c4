import {Link, useLoaderData} from '@remix-run/react'
import {formatPostDate, postPath} from '~/lib/permalink'
import {getRecentPosts} from '~/sanity/content.server'

export async function loader() {
  const {timeZone, posts} = await getRecentPosts()
  return {
    posts: posts.map((post) => ({
      id: post._id,
      title: post.title,
      path: postPath(post, timeZone),
      publishedAt: post.publishedAt,
      date: formatPostDate(post.publishedAt, timeZone),
      excerpt: post.excerpt,
    })),
  }
}

export default function Home() {
  const {posts} = useLoaderData<typeof loader>()
  if (posts.length === 0) {
    return <p>No posts have been published yet.</p>
  }
  return (
    <>
      <h1 className="visually-hidden">Latest posts</h1>
      <ol className="post-list">
        {posts.map((post) => (
          <li key={post.id}>
            <article className="post-summary">
              <h2>
                <Link to={post.path}>{post.title}</Link>
              </h2>
              <p className="post-meta">
                <time dateTime={post.publishedAt}>{post.date}</time>
              </p>
              <p>{post.excerpt}</p>
              <p>
                <Link to={post.path} aria-label={`Continue reading: ${post.title}`}>
                  Continue reading
                </Link>
              </p>
            </article>
          </li>
        ))}
      </ol>
    </>
  )
}
