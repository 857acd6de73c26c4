import type {z} from 'zod'
import {bannedReason, type CommenterRule} from '../../contract/commenter-rules'
import type {CommentStatus, FlagOutcome, ModerationSettings, SpamVerdict} from '../../contract/comments'
import type {ReaderIdentity} from '../../contract/identity'
import type {StoredSubmission} from '~/sanity/comments.server'
import type {AkismetCommentParams} from './akismet.server'
import type {CommentFormValues, FieldErrors} from './form-fields'
import {CommentFields, GuestDetails} from './submission.server'

/**
 * A comment's way from the form to the lake: gates that can turn it away (with a message and
 * the reader's text kept), then checks that decide whether it is published, held, spam or
 * trash. Each gate and check is a small function tested on its own; adding one is adding it
 * to a list.
 */

export interface PostForComments {
  _id: string
  title: string
  publishedAt: string
  updatedAt: string
  commentsOpen: boolean
  /** Marked "sensitive topic" by its editor: every comment on it waits for a person. */
  sensitiveTopic: boolean
  /** The post's canonical path on the site. */
  path: string
  /** Absolute address of the post, for Akismet and emails. */
  permalink: string
  /** The post's author profile (id), to recognise the author's own replies. */
  authorId?: string
}

/** The request as the pipeline needs it; nothing else from HTTP leaks in. */
export interface RequestFacts {
  clientAddress: string
  userAgent: string
  referrer?: string
  origin?: string
  secFetchSite?: string
  language?: string
}

/** What is stored, plus what the pipeline alone needs: the whole identity, the session's wish. */
export interface Submission extends Omit<StoredSubmission, 'identity'> {
  saveDetails: boolean
  identity?: ReaderIdentity
}

export interface GateContext {
  form: FormData
  values: CommentFormValues
  request: RequestFacts
  post: PostForComments
  settings: ModerationSettings
  now: Date
}

export interface CheckContext extends GateContext {
  submission: Submission
}

export interface Rejection {
  /** HTTP status of the answer: 400 bad input, 403 forged, 409 closed, 429 too many, 503 unavailable. */
  status: 400 | 403 | 404 | 409 | 429 | 503
  message: string
  fieldErrors?: FieldErrors
}

export interface Flag {
  /**
   * "care" holds the comment for a person whatever any other check says: a reader who may be
   * in crisis must reach a moderator, not the spam or trash folder (decision 0190).
   */
  outcome: FlagOutcome
  reason: string
  /** What the spam check concluded, when this flag is its verdict. */
  spamVerdict?: SpamVerdict
}

export interface Gate<C = GateContext> {
  name: string
  run(context: C): Rejection | null | Promise<Rejection | null>
}

export interface Check {
  name: string
  run(context: CheckContext): Flag | null | Promise<Flag | null>
  /**
   * A hold a moderator's trust of the commenter lifts (the moderation mode, hold words, links).
   * Never set on a safety check: safety outranks trust (decision 0236).
   */
  waivedForTrusted?: true
}

/** A moderator's ban or trust that matched the commenter (decision 0235). */
export type CommenterVerdict = Pick<CommenterRule, 'verdict' | 'match' | 'reason'>

/** What the spam check needs from the pipeline, with the parameters kept for later reports. */
export interface SpamCheckOutcome {
  flag: Flag | null
  verdict: SpamVerdict
  params?: AkismetCommentParams
}

export interface PipelineStages {
  /** Before the fields are read: forgery, expired forms. */
  requestGates: Gate[]
  /** After validation: rate limits, closed comments, a reply to a comment that isn't there. */
  submissionGates: Gate<CheckContext>[]
  /** A moderator's ban or trust of this commenter, looked up before the checks run. */
  commenterRule?(context: CheckContext): Promise<CommenterVerdict | null>
  /** Moderation rules; each may hold, spam or trash the comment. */
  checks: Check[]
  /** The spam service, last: it is the slowest and its verdict is recorded whatever it says. */
  spamCheck(context: CheckContext, flags: Flag[]): Promise<SpamCheckOutcome>
}

export type PipelineResult =
  | {type: 'rejected'; rejection: Rejection}
  | {
      type: 'accepted'
      submission: Submission
      status: CommentStatus
      spamVerdict: SpamVerdict
      /** Every reason that moved the comment away from "approved", for the moderator. */
      reasons: string[]
      /** Held because the commenter may be in crisis: they are shown where to get help now. */
      needsCare: boolean
      akismetParams?: AkismetCommentParams
    }

export function validateSubmission(
  values: CommentFormValues,
  identity: ReaderIdentity | undefined,
): {ok: true; submission: Submission} | {ok: false; fieldErrors: FieldErrors} {
  const fieldErrors: FieldErrors = {}
  const collect = (issues: z.core.$ZodIssue[]) => {
    for (const issue of issues) fieldErrors[issue.path[0] as keyof FieldErrors] ??= issue.message
  }
  const fields = CommentFields.safeParse(values)
  if (!fields.success) collect(fields.error.issues)
  let name: string | undefined
  let email: string | undefined
  if (identity) {
    // The public name is the reader's choice (the form offers the provider's, and a pseudonym
    // is as welcome); the email comes from the provider, and is asked for only when it gave
    // none and the reader wants to be notified.
    const chosen = GuestDetails.shape.name.safeParse(values.name)
    if (chosen.success) name = chosen.data
    else collect(chosen.error.issues.map((issue) => ({...issue, path: ['name']})))
    email = identity.email
    const typed = values.email.trim()
    if (!email && typed) {
      const parsed = GuestDetails.shape.email.safeParse(typed)
      if (parsed.success) email = parsed.data
      else collect(parsed.error.issues.map((issue) => ({...issue, path: ['email']})))
    }
    if (!email && (values.notifyReplies || values.notifyPosts) && !fieldErrors.email) {
      fieldErrors.email = 'Please enter your email address so we can notify you, or untick the notification boxes.'
    }
  } else {
    const guest = GuestDetails.safeParse(values)
    if (guest.success) ({name, email} = guest.data)
    else collect(guest.error.issues)
  }
  if (!fields.success || Object.keys(fieldErrors).length > 0 || name === undefined) return {ok: false, fieldErrors}
  return {
    ok: true,
    submission: {...fields.data, name, ...(email ? {email} : {}), ...(identity ? {identity} : {})},
  }
}

const SEVERITY: Record<Flag['outcome'], number> = {hold: 1, spam: 2, trash: 3, care: 4}

/**
 * The strictest flag wins, and "needs care" over all; without one, the moderation mode decides
 * (its check holds if needed).
 */
export function decideStatus(flags: Flag[]): CommentStatus {
  const worst = flags.reduce<Flag | null>((top, flag) => (!top || SEVERITY[flag.outcome] > SEVERITY[top.outcome] ? flag : top), null)
  if (!worst) return 'approved'
  return worst.outcome === 'hold' || worst.outcome === 'care' ? 'pending' : worst.outcome
}

export async function runCommentPipeline(context: GateContext & {identity?: ReaderIdentity}, stages: PipelineStages): Promise<PipelineResult> {
  for (const gate of stages.requestGates) {
    const rejection = await gate.run(context)
    if (rejection) return {type: 'rejected', rejection}
  }
  const validated = validateSubmission(context.values, context.identity)
  if (!validated.ok) {
    return {
      type: 'rejected',
      rejection: {status: 400, message: 'Please correct the highlighted fields.', fieldErrors: validated.fieldErrors},
    }
  }
  const checkContext: CheckContext = {...context, submission: validated.submission}
  for (const gate of stages.submissionGates) {
    const rejection = await gate.run(checkContext)
    if (rejection) return {type: 'rejected', rejection}
  }
  const rule = (await stages.commenterRule?.(checkContext)) ?? null
  const flags: Flag[] = []
  for (const check of stages.checks) {
    if (rule?.verdict === 'trust' && check.waivedForTrusted) continue
    const flag = await check.run(checkContext)
    if (flag) flags.push(flag)
  }
  // Stored as spam, after the checks' reasons: one that needs care still comes first (Studio's
  // Needs care list looks for it), and "care" still outranks the ban in decideStatus.
  if (rule?.verdict === 'ban') flags.push({outcome: 'spam', reason: bannedReason(rule)})
  // A banned comment is spam whatever Akismet says: its text and address are not sent to it.
  const spam: SpamCheckOutcome = rule?.verdict === 'ban' ? {flag: null, verdict: 'unchecked'} : await stages.spamCheck(checkContext, flags)
  if (spam.flag) flags.push(spam.flag)
  const honeypotVerdict = flags.find((flag) => flag.spamVerdict === 'blatant')?.spamVerdict
  return {
    type: 'accepted',
    submission: validated.submission,
    status: decideStatus(flags),
    spamVerdict: honeypotVerdict ?? spam.verdict,
    reasons: flags.map((flag) => flag.reason),
    needsCare: flags.some((flag) => flag.outcome === 'care'),
    ...(spam.params ? {akismetParams: spam.params} : {}),
  }
}
