import {Link} from '@remix-run/react'
import type {SummaryView} from '~/sanity/content.server'

/** Up to three other posts sharing a category, newest first. */
export function RelatedPosts({posts}: {posts: SummaryView[]}) {
  if (posts.length === 0) return null
  return (
    <section className="related-posts" aria-labelledby="related-heading">
      <h2 id="related-heading">Related</h2>
      <ul>
        {posts.map((post) => (
          <li key={post.id}>
            <Link to={post.path}>{post.title}</Link>
            <span className="post-meta">
              {' '}
              <time dateTime={post.publishedAt}>{post.date}</time>
              {post.categories[0] ? ` · In ${post.categories[0].title}` : null}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
