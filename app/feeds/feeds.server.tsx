import {z} from 'zod'
import {renderBodyHtml} from '~/components/body-html.server'
import {getEnv} from '~/env.server'
import {postPath} from '~/lib/permalink'
import {readCommentsFeed, readRecentComments} from '~/sanity/comments.server'
import {PostSummary, prepareBody, readFeedPosts} from '~/sanity/content.server'
import {getSiteSettings, TimeZone} from '~/sanity/site-settings.server'
import {PublishedPost} from '../../contract/post'
import type {Feed} from './feed-types'

/** WordPress's default "Syndication feeds show the most recent" setting. */
const FEED_SIZE = 10
/** A post's comment feed: the newest comments, as WordPress shows them. */
const COMMENT_FEED_SIZE = 50

export function siteUrl(): string {
  return getEnv().SITE_URL.replace(/\/$/, '')
}

const FeedPosts = z.object({
  timeZone: TimeZone,
  posts: z.array(PostSummary.extend({body: z.array(z.looseObject({_type: z.string()})).nullish()})),
})

/** The blog's newest posts with their full text (links made absolute for feed readers). */
export async function getPostsFeed(self: string): Promise<Feed> {
  const [settings, result] = await Promise.all([getSiteSettings(), readFeedPosts(FEED_SIZE)])
  const {timeZone, posts} = FeedPosts.parse(result)
  const base = siteUrl()
  const entries = posts.map((post) => {
    const link = `${base}${postPath(post, timeZone)}`
    const body = prepareBody(post.body ?? [], timeZone)
    return {
      title: post.title,
      link,
      id: link,
      published: post.publishedAt,
      updated: post._updatedAt ?? post.publishedAt,
      author: post.author?.name ?? null,
      categories: post.categories.map((category) => category.title),
      summary: post.excerpt,
      html: renderBodyHtml(body, base),
    }
  })
  return {
    title: settings.title,
    description: settings.tagline ?? settings.title,
    link: `${base}/`,
    self: `${base}${self}`,
    // ISO 8601 times in UTC sort as text.
    updated:
      entries
        .map((entry) => entry.updated)
        .sort()
        .at(-1) ?? '1970-01-01T00:00:00Z',
    entries,
  }
}

const CommentFeed = z.object({
  timeZone: TimeZone,
  post: PublishedPost.extend({
    comments: z.array(z.object({_id: z.string(), authorName: z.string(), body: z.string(), submittedAt: z.string()})),
  }).nullable(),
})

/**
 * A post's approved comments, newest first: the commenter's name, words and time. Nothing
 * else is read, so an email or network address cannot leak into a feed.
 */
export async function getCommentsFeed(slug: string): Promise<{feed: Feed; canonicalPath: string} | null> {
  const [settings, result] = await Promise.all([getSiteSettings(), readCommentsFeed(slug, COMMENT_FEED_SIZE)])
  const {timeZone, post} = CommentFeed.parse(result)
  if (!post) return null
  const base = siteUrl()
  const path = postPath(post, timeZone)
  const link = `${base}${path}`
  const entries = post.comments.map((comment) => ({
    title: `By: ${comment.authorName}`,
    link: `${link}#${comment._id}`,
    id: `${link}#${comment._id}`,
    published: comment.submittedAt,
    updated: comment.submittedAt,
    author: comment.authorName,
    categories: [],
    summary: comment.body,
  }))
  return {
    canonicalPath: `${path}feed/`,
    feed: {
      title: `Comments on: ${post.title}`,
      description: settings.title,
      link,
      self: `${link}feed/`,
      updated: entries[0]?.published ?? post.publishedAt,
      entries,
    },
  }
}

/**
 * The newest approved comments on the whole blog, as WordPress's /comments/feed/ shows them:
 * "Comment on <post> by <name>", the words and the time; never an email or address.
 */
export async function getSiteCommentsFeed(self: string): Promise<Feed> {
  const [settings, {timeZone, comments}] = await Promise.all([getSiteSettings(), readRecentComments(COMMENT_FEED_SIZE)])
  const base = siteUrl()
  const entries = comments.map((comment) => {
    const link = `${base}${postPath(comment.post, timeZone)}#${comment._id}`
    return {
      title: `Comment on ${comment.post.title} by ${comment.authorName}`,
      link,
      id: link,
      published: comment.submittedAt,
      updated: comment.submittedAt,
      author: comment.authorName,
      categories: [],
      summary: comment.body,
    }
  })
  return {
    title: `Comments for ${settings.title}`,
    description: settings.tagline ?? settings.title,
    link: `${base}/`,
    self: `${base}${self}`,
    updated: entries[0]?.published ?? '1970-01-01T00:00:00Z',
    entries,
  }
}
