import {Link} from '@remix-run/react'
import type {PostPageView} from '~/sanity/content.server'
import {EntryMeta} from './entry-meta'
import {BodyHtml} from './body-html'
import {BodyImage} from './portable-text'

/** A post as WordPress laid it out: title, date and byline, body, the author's note, the entry line. */
export function PostArticle({post}: {post: PostPageView}) {
  return (
    <article className="post">
      <header className="post-header">
        <h1>{post.title}</h1>
        <p className="post-meta">
          <time dateTime={post.publishedAt}>{post.date}</time>
          {post.author ? (
            <>
              {' · '}
              <span className="byline">
                By{' '}
                {post.author.path ? (
                  <Link to={post.author.path} rel="author">
                    {post.author.name}
                  </Link>
                ) : (
                  post.author.name
                )}
              </span>
            </>
          ) : null}
        </p>
      </header>
      {post.contentNote ? (
        <p className="content-note" role="note">
          <strong>Content note:</strong> {post.contentNote}
        </p>
      ) : null}
      {post.mainImageView ? <BodyImage value={post.mainImageView} eager className="post-main-image" /> : null}
      <BodyHtml html={post.bodyHtml} />
      {post.author?.bio ? (
        <aside className="author-note" aria-label="About the author">
          <p>
            <em>{post.author.bio}</em>
          </p>
        </aside>
      ) : null}
      <footer className="post-footer">
        <EntryMeta categories={post.categories} tags={post.tags} permalink={post.canonicalPath} />
      </footer>
    </article>
  )
}
