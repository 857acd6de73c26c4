import fs from 'node:fs'
import {blogDataset} from '../content-lake/test/blog-dataset'
import {type CommentRecordLike, publicCommentOf} from '../contract/comment-record'
import {commentRecordId} from '../contract/documents'

/**
 * The site benchmark's dataset as NDJSON for `content-lake import`: 10,000 posts and 100,000
 * comments (the lake's own blog dataset, padded), with exactly 50 approved comments on
 * `post-7`, the page under load; every post has one of 40 tags. Comments are stored as the site stores them (decision 0200):
 * each a private record, and an approved one also its public copy.
 * Usage: tsx bench/site-dataset.ts <out.ndjson>
 */
const POSTS = 10_000
const COMMENTS = 100_000
const PAGE_POST = 'post-7'

const base = blogDataset(POSTS * 10)
// Every post gets one of 40 tags, so tag archives have a few hundred posts each, as categories do.
const others = base.filter((doc) => doc._type !== 'comment').map((doc, i) => (doc._type === 'post' ? {...doc, tags: [`Topic ${i % 40}`]} : doc))
const comments = base.filter((doc) => doc._type === 'comment' && (doc.post as {_ref: string})._ref !== PAGE_POST)
const comment = (i: number, post: string, status: string) => ({
  _id: `bench-comment-${i}`,
  _type: 'comment',
  post: {_type: 'reference', _ref: post},
  authorName: `Reader ${i % 500}`,
  body: 'Thank you for writing this; it helped me understand what to ask for when I call.',
  provider: 'guest',
  status,
  submittedAt: new Date(Date.UTC(2015, 0, 1) + i * 60_000).toISOString(),
})
for (let i = 0; i < 50; i++) comments.push(comment(i, PAGE_POST, 'approved'))
for (let i = 50; comments.length < COMMENTS; i++) comments.push(comment(i, `post-${i % POSTS}`, 'pending'))

function asStored(comment: CommentRecordLike): CommentRecordLike[] {
  const record = {
    ...comment,
    _id: commentRecordId(comment._id),
    ...(comment.parent ? {parent: {...comment.parent, _ref: commentRecordId(comment.parent._ref)}} : {}),
  }
  const copy = publicCommentOf(record)
  return copy ? [record, copy] : [record]
}

const out = fs.createWriteStream(process.argv[2] ?? 'site-bench.ndjson')
for (const doc of [...others, ...comments.slice(0, COMMENTS).flatMap((comment) => asStored(comment as CommentRecordLike))])
  out.write(`${JSON.stringify(doc)}\n`)
out.end()
const published = others.filter((doc) => doc._type === 'post' && !doc._id.startsWith('drafts.'))
console.log(`${published.length} published posts, ${Math.min(comments.length, COMMENTS)} comments`)
