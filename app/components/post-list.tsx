import {Link} from '@remix-run/react'
import type {SummaryView} from '~/sanity/content.server'

/** Posts as the home page and archives list them: title, date, excerpt, a link to read on. */
export function PostList({posts, headingLevel = 2}: {posts: SummaryView[]; headingLevel?: 2 | 3}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <ol className="post-list">
      {posts.map((post) => (
        <li key={post.id}>
          <article className="post-summary">
            <Heading>
              <Link to={post.path}>{post.title}</Link>
            </Heading>
            <p className="post-meta">
              <time dateTime={post.publishedAt}>{post.date}</time>
              {post.author ? ` · By ${post.author.name}` : null}
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
  )
}
