import type {CommentStatus} from '../../contract/comments'
import {commentDocuments} from '~/sanity/comments.server'
import {htmlToText} from './content-to-portable-text'
import {wordpressInstant} from './dates'
import {wordpressIds} from './ids'
import type {ImportReport} from './report'
import type {WxrComment} from './wxr-records'

/**
 * A post's comments as the site stores its own (through the comment owner's commentDocuments):
 * threads by parent, WordPress's statuses, the text the site shows, the post author's
 * replies marked, and the email and a keyed hash of the address in the private record (with a
 * public copy for the approved ones).
 * Nobody is subscribed to anything; pingbacks and trackbacks are counted and skipped.
 */
const STATUSES: Record<string, {status: CommentStatus; name: string}> = {
  '1': {status: 'approved', name: 'approved'},
  '0': {status: 'pending', name: 'held'},
  spam: {status: 'spam', name: 'spam'},
  trash: {status: 'trash', name: 'trash'},
  'post-trashed': {status: 'trash', name: 'trash'},
}

export interface CommentContext {
  postId: string
  postTitle: string
  /** The post author's WordPress user id and email: their replies get the badge. */
  postAuthor?: {userId: string; email: string}
  timeZone: string
  hashAddress(address: string): string
  report: ImportReport
}

const webAddress = (url: string) => (/^https?:\/\/[^\s]+$/i.test(url) && url !== 'http://' ? url : undefined)

export function commentsOf(comments: WxrComment[], context: CommentContext): Record<string, unknown>[] {
  const documents: Record<string, unknown>[] = []
  for (const comment of comments) {
    const where = `Comment ${comment.id} on “${context.postTitle}”`
    if (comment.type === 'pingback' || comment.type === 'trackback') {
      context.report.count('comment', `${comment.type} (skipped)`)
      continue
    }
    const status = STATUSES[comment.approved]
    const submittedAt = wordpressInstant(comment.dateGmt, comment.date, context.timeZone)
    if (comment.type && comment.type !== 'comment') {
      context.report.count('comment', `${comment.type} (skipped)`)
      context.report.note(where, `comment type "${comment.type}" is not a reader's comment: skipped`)
      continue
    }
    if (!status || !submittedAt || !/^\d+$/.test(comment.id)) {
      context.report.count('comment', 'unreadable (skipped)')
      context.report.note(where, `status "${comment.approved}", date "${comment.dateGmt}": not a comment WordPress would show, skipped`)
      continue
    }
    context.report.count('comment', status.name)
    const author = context.postAuthor
    const byPostAuthor =
      !!author &&
      ((comment.userId !== '' && comment.userId !== '0' && comment.userId === author.userId) ||
        (!!comment.email && comment.email.toLowerCase() === author.email.toLowerCase()))
    const website = webAddress(comment.url)
    const {record, publicCopy} = commentDocuments({
      id: wordpressIds.comment(comment.id),
      post: {_id: context.postId},
      submission: {
        name: comment.author || 'Anonymous',
        ...(comment.email ? {email: comment.email} : {}),
        ...(website ? {website} : {}),
        body: htmlToText(comment.content),
        ...(comment.parent && comment.parent !== '0' ? {parentId: wordpressIds.comment(comment.parent)} : {}),
        notifyReplies: false,
        notifyPosts: false,
      },
      status: status.status,
      spamVerdict: 'unchecked',
      reasons: status.status === 'spam' ? ['Marked as spam on WordPress.'] : [],
      submittedAt,
      networkAddressHash: comment.ip ? context.hashAddress(comment.ip) : '',
      userAgent: '',
      ...(byPostAuthor ? {byPostAuthor: true} : {}),
    })
    documents.push(record, ...(publicCopy ? [{...publicCopy}] : []))
  }
  return documents
}
