/**
 * How big a request body each address takes, decided before anything reads it. The one table
 * of limits for the site: a new action that takes more than a small form belongs here.
 */
export interface BodyRule {
  /** The most bytes read; past it the request is refused with 413. */
  maxBytes: number
  /** What the body must be: a browser's form, or anything (webhooks check their own signature). */
  body: 'form' | 'any'
  /**
   * The route answers a post that says it is too big itself, without reading it (the comment
   * form gives the reader their page back, the form as they left it), so it is passed on unread.
   */
  routeAnswersOversize?: boolean
}

/** The methods Remix hands to a route's action. */
export const ACTION_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Moderation, privacy and unsubscribe buttons: a token and a field or two. */
export const SMALL_FORM_BYTES = 8 * 1024
/** The lake's (or Sanity's) webhooks carry one document's projection. */
export const WEBHOOK_BYTES = 256 * 1024

const SMALL_FORM: BodyRule = {maxBytes: SMALL_FORM_BYTES, body: 'form'}
const NO_BODY: BodyRule = {maxBytes: 0, body: 'any'}

// A route's address, as a page or as Remix's data request for it (`<path>.data`).
const route = (pattern: string) => new RegExp(`^${pattern}(?:/|\\.data)?$`)

/** The rule for a request: GET and HEAD take no body; other methods the route's, or a small form's. */
export type BodyRuleFor = (method: string, path: string) => BodyRule

/**
 * The site's rules, given the most a comment post may carry: the app's number, as the comment
 * form answers an oversized post itself (app/server-services.server.ts hands it over).
 */
export function bodyRules(maxCommentBytes: number): BodyRuleFor {
  const rules: [RegExp, BodyRule][] = [
    // The comment form, and its moderator buttons on held comments.
    [route('/\\d{4}/\\d{2}/\\d{2}/[^/]+'), {maxBytes: maxCommentBytes, body: 'form', routeAnswersOversize: true}],
    // The log-in and log-out buttons sit inside the comment form and post all of it (the draft
    // is kept across the log-in), so they take what the comment form takes.
    [route('/auth/[^/]+'), {maxBytes: maxCommentBytes, body: 'form'}],
    // A writer's edit of their comment carries the whole comment.
    [route('/comment/[^/]+/edit'), {maxBytes: maxCommentBytes, body: 'form', routeAnswersOversize: true}],
    [route('/hooks/[^/]+'), {maxBytes: WEBHOOK_BYTES, body: 'any'}],
  ]
  return (method, path) => {
    if (method === 'GET' || method === 'HEAD') return NO_BODY
    return rules.find(([pattern]) => pattern.test(path))?.[1] ?? SMALL_FORM
  }
}
