import {commentFormFields} from './comment-form'
import {type FetchOptions, type Outcome, timedFetch} from './requests'

/**
 * What honest readers and editors do, measured the same way at rest and under attack: the
 * lake's ping, the post page for a reader without and with a session (which the page cache
 * does not answer), a comment through the page's real form, and an editor's write.
 */

export interface HonestContext {
  siteUrl: string
  lakeUrl: string
  dataset: string
  postPath: string
  /** The lake's write token (the site's and the editors'). */
  token: string
  /** A reader's real session cookie (`__session=…`), from a comment posted during setup. */
  sessionCookie: string
  /** Names this run's documents and comments apart from any other. */
  runId: string
  writes: WriteLedger
}

/** Every honest write and what the server said about it, to check afterwards that none was lost. */
export interface WriteLedger {
  /** Documents the lake acknowledged writing. */
  acknowledged: string[]
  /** Comments the site accepted (303 to their anchor), by id. */
  commentsAccepted: string[]
  /** Comments the site refused, and whether it gave the reader their text back. */
  commentsRefused: {status: number; textReturned: boolean}[]
  /** Comments with no answer (hung, connection closed) or an error page without their text: lost to the reader. */
  commentsUnanswered: number
  /** Editors' writes with no answer or a server error: never acknowledged, their fate unknown. */
  writesUnanswered: number
}

export interface ProbeResult {
  outcome: Outcome
  /** Answered as an honest request should be. */
  ok: boolean
}

export interface HonestProbe {
  kind: string
  /** `n` is this probe's sequence number, unique within the run. */
  run(context: HonestContext, n: number, options: FetchOptions): Promise<ProbeResult>
}

const answeredWith =
  (status: number) =>
  (outcome: Outcome): ProbeResult => ({outcome, ok: outcome.status === status})

/** A comment's text typed as a reader would, unique so it can be found in the page that gives it back. */
function commentText(context: HonestContext, n: number): string {
  return `Honest reader ${context.runId} number ${n} found this post helpful and wanted to say so`
}

/**
 * Fetches the page, fills in its comment form and posts it as a browser without JavaScript
 * does. The timing is the post's; the ledger learns what became of the comment.
 */
export async function postCommentThroughForm(
  context: HonestContext,
  n: number,
  options: FetchOptions,
  headers: Record<string, string> = {},
): Promise<ProbeResult> {
  const page = await timedFetch(`${context.siteUrl}${context.postPath}`, {}, {...options, keepText: true})
  if (page.status !== 200) return {outcome: page, ok: false}
  let form: URLSearchParams
  try {
    form = commentFormFields(page.text!)
  } catch {
    return {outcome: page, ok: false}
  }
  const body = commentText(context, n)
  form.set('name', `Honest Reader ${n}`)
  form.set('email', `honest-${context.runId}-${n}@example.com`)
  form.set('body', body)
  const outcome = await timedFetch(
    `${context.siteUrl}${context.postPath}`,
    {
      method: 'POST',
      body: form,
      headers: {
        origin: context.siteUrl,
        // Readers on networks of their own, as the proxy in front of the site reports them.
        'x-forwarded-for': `10.${Math.floor(n / 250) % 250}.${n % 250}.7`,
        'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) HonestReader/1.0',
        ...headers,
      },
    },
    {...options, keepText: true},
  )
  const anchor = outcome.status === 303 ? new URL(outcome.headers!.get('location') ?? '', context.siteUrl).hash.slice(1) : ''
  if (anchor) {
    context.writes.commentsAccepted.push(anchor)
    return {outcome, ok: true}
  }
  if (outcome.status !== undefined && ((outcome.status >= 400 && outcome.status < 500) || outcome.status === 503)) {
    context.writes.commentsRefused.push({status: outcome.status, textReturned: outcome.text?.includes(body) ?? false})
  } else {
    context.writes.commentsUnanswered++
  }
  return {outcome, ok: false}
}

export const HONEST_PROBES: HonestProbe[] = [
  {
    kind: 'lake GET /ping',
    run: async (context, _, options) => answeredWith(200)(await timedFetch(`${context.lakeUrl}/ping`, {}, options)),
  },
  {
    kind: 'post page, anonymous',
    run: async (context, _, options) => answeredWith(200)(await timedFetch(`${context.siteUrl}${context.postPath}`, {}, options)),
  },
  {
    kind: 'post page, with a session',
    run: async (context, _, options) =>
      answeredWith(200)(await timedFetch(`${context.siteUrl}${context.postPath}`, {headers: {cookie: context.sessionCookie}}, options)),
  },
  {kind: 'comment through the form', run: postCommentThroughForm},
  {
    kind: 'lake mutation (token)',
    run: async (context, n, options) => {
      const id = `hostile-probe-${context.runId}-${n}`
      const outcome = await timedFetch(
        `${context.lakeUrl}/v2025-02-19/data/mutate/${context.dataset}?returnIds=true&visibility=sync`,
        {
          method: 'POST',
          headers: {authorization: `Bearer ${context.token}`, 'content-type': 'application/json'},
          body: JSON.stringify({mutations: [{create: {_id: id, _type: 'hostileProbe', n}}]}),
        },
        options,
      )
      if (outcome.status === 200) context.writes.acknowledged.push(id)
      else if (outcome.status === undefined || outcome.status >= 500) context.writes.writesUnanswered++
      return answeredWith(200)(outcome)
    },
  },
]

export interface HonestRecord {
  kind: string
  result: ProbeResult
}

/**
 * Every probe kind `count` times, each kind one request after another and the kinds side by
 * side, as a handful of readers and an editor would; stops early only when the run is stopped.
 */
export async function runHonestTraffic(context: HonestContext, count: number, firstN: number, options: FetchOptions): Promise<HonestRecord[]> {
  const records: HonestRecord[] = []
  await Promise.all(
    HONEST_PROBES.map(async (probe) => {
      for (let i = 0; i < count && !options.stop.aborted; i++) {
        records.push({kind: probe.kind, result: await probe.run(context, firstN + i, options)})
      }
    }),
  )
  return records
}
