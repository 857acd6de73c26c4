import {getEnv} from '~/env.server'
import {getCommentDraft} from '~/auth/comment-draft.server'
import {readerIsModerator} from '~/auth/moderators.server'
import {getSocialLogin, type SocialLoginView} from '~/auth/social-login.server'
import type {HeldCommentsData} from '~/moderation/inline-moderation'
import {loadHeldComments} from '~/moderation/inline-moderation.server'
import {getPublicClient, getWriteClient} from '~/sanity/client.server'
import {readApprovedComments, readOwnHeldComments, readWriterChangeable, type ShownRow} from '~/sanity/comments.server'
import {type PostPageComments, readClinicianNames} from '~/sanity/content.server'
import {issueFormToken} from '~/security/form-token.server'
import {getSession} from '~/session/session.server'
import {commentsAreOpen} from './checks/comments-open.server'
import {COMMENTS_PER_PAGE} from './comment-config.server'
import {commentContextOf, loadCommentContext} from './comment-context.server'
import {buildThreads, paginateThreads, type ShownComment, type ThreadNode} from './thread'
import type {CommentFormValues} from './form-fields'
import {changeableUntil} from './writer-access.server'

/** Everything the post page's comments section shows; nothing private about anyone else. */
export interface CommentsSectionData {
  postId: string
  postTitle: string
  /** The post's author as the byline names them, for the badge on their own replies. */
  postAuthor?: {name: string; credentials?: string}
  /** Approved comments on the post, for the "N thoughts on" heading. */
  approvedCount: number
  threads: ThreadNode[]
  page: number
  pageCount: number
  maxDepth: number
  open: boolean
  /** Marked "sensitive topic": the crisis notice goes above the form. */
  sensitiveTopic: boolean
  form: {
    token: string
    /** The reader's own values: a draft they left, or the details they asked us to save. */
    values: Partial<CommentFormValues>
    social: SocialLoginView
    /** The practice's clinicians (the blog's authors), so the form can tell a reader who names one as theirs. */
    clinicians: string[]
  }
  /** Only for a moderator named in Site settings: the post's held comments, to decide on. */
  held?: HeldCommentsData
}

export function toShown(row: ShownRow, awaitingModeration: boolean, needsCare = false): ShownComment {
  return {
    id: row.id,
    ...(row.parentId ? {parentId: row.parentId} : {}),
    authorName: row.authorName,
    ...(row.authorWebsite ? {authorWebsite: row.authorWebsite} : {}),
    provider: row.provider,
    body: row.body,
    submittedAt: row.submittedAt,
    awaitingModeration,
    ...(needsCare ? {needsCare} : {}),
    ...(row.byPostAuthor ? {byPostAuthor: true} : {}),
  }
}

/**
 * A page without a session may be served from a shared cache, so its token must not change on
 * every render (that would defeat ETags): it is issued for the current minute instead.
 */
function formToken(csrfSecret: string | undefined): string {
  const now = Date.now()
  return csrfSecret ? issueFormToken(csrfSecret, now) : issueFormToken(undefined, now - (now % 60_000))
}

/**
 * `read` is what the post page's own query read for the section (approved comments, settings,
 * clinicians' names), saving three round trips; without it they are read here.
 */
export async function loadCommentsSection(
  request: Request,
  post: {_id: string; title: string; author?: {name: string; credentials?: string | null} | null},
  read?: PostPageComments,
): Promise<CommentsSectionData> {
  const session = await getSession(request)
  const ownIds = session.get('ownComments') ?? []
  const careIds = session.get('careComments') ?? []
  const identity = session.get('identity')
  const editMinutes = getEnv().COMMENT_EDIT_MINUTES
  const now = new Date()
  const [approved, own, changeable, context, social, draft, moderator, clinicians] = await Promise.all([
    read?.approved ?? readApprovedComments(post._id),
    ownIds.length > 0 ? readOwnHeldComments(getWriteClient(), ownIds, post._id) : Promise.resolve([]),
    // The reader's own comments still in their time for changes get "Edit" and "Delete".
    editMinutes > 0 && (ownIds.length > 0 || identity)
      ? readWriterChangeable(getWriteClient(), {postId: post._id, ownIds, identity, since: new Date(now.getTime() - editMinutes * 60_000)})
      : Promise.resolve(new Map<string, string>()),
    read ? commentContextOf(read, getEnv().SITE_URL) : loadCommentContext(getPublicClient(), {id: post._id}, getEnv().SITE_URL),
    getSocialLogin(request),
    getCommentDraft(request),
    readerIsModerator(request),
    read?.clinicians ?? readClinicianNames(getPublicClient()),
  ])
  const maxDepth = context.settings.threadDepth
  const shown = [...approved.map((row) => toShown(row, false)), ...own.map((row) => toShown(row, true, careIds.includes(row.id)))].map((comment) => {
    const submittedAt = changeable.get(comment.id)
    return submittedAt ? {...comment, changeableUntil: changeableUntil(submittedAt, editMinutes).toISOString()} : comment
  })
  const threads = buildThreads(shown, maxDepth)
  const requested = Number(new URL(request.url).searchParams.get('cpage') ?? '1')
  const page = paginateThreads(threads, COMMENTS_PER_PAGE, requested)

  const saved = session.get('savedDetails')
  const csrf = session.get('csrf')
  // Held comments go to moderators only, with a token bound to their session (pages with a
  // session cookie are private, never cached).
  const held = moderator && csrf ? {...(await loadHeldComments(post._id)), token: issueFormToken(csrf)} : undefined
  return {
    postId: post._id,
    postTitle: post.title,
    ...(post.author ? {postAuthor: {name: post.author.name, ...(post.author.credentials ? {credentials: post.author.credentials} : {})}} : {}),
    approvedCount: approved.length,
    threads: page.threads,
    page: page.page,
    pageCount: page.pageCount,
    maxDepth,
    open: context.post ? commentsAreOpen(context.post, context.settings.closeCommentsAfterDays, new Date()) : false,
    sensitiveTopic: context.post?.sensitiveTopic ?? false,
    form: {
      token: formToken(csrf),
      values: draft ?? (saved ? {...saved, saveDetails: true} : {}),
      social,
      clinicians,
    },
    ...(held ? {held} : {}),
  }
}
