import {randomBytes, randomInt} from 'node:crypto'
import {type AbusiveBody, type FetchOptions, type Outcome, timedAbusivePost, timedFetch, timedStream} from './requests'

/**
 * What the anonymous attackers send, as issue #11 measured it: huge and deeply nested GROQ,
 * oversized, lying and endless bodies, image-render and log-in floods, reads that would create
 * datasets, and malformed input. Each kind has a budget: within it the server must have
 * answered with a refusal (4xx, a 503) or closed the connection; later is too slow, never is
 * a hang.
 */

/** Where the attacks go: the running stack, and what setup put there for them. */
export interface Target {
  siteUrl: string
  lakeUrl: string
  dataset: string
  /** The post page, whose comment form is posted. */
  postPath: string
  /** An uploaded 4000×4000 image, as the CDN path `/images/…`. */
  imagePath: string
  /** The comment form with a comment typed in, as the page served it. */
  commentForm: URLSearchParams
}

/** One of the anonymous clients: the network address its requests claim through the site's proxy. */
export interface Attacker {
  address: string
}

export interface Attack {
  kind: string
  budgetMs: number
  /** How many of these each round of the attack sends. */
  perRound: number
  /** Answers that count as handled besides a 4xx, a 503 or a closed connection. */
  alsoAccepts?: (status: number, outcome: Outcome) => boolean
  /** `n` counts this kind's requests, so variants take turns. */
  send(target: Target, attacker: Attacker, n: number, options: FetchOptions): Promise<Outcome>
}

const API = '/v2025-02-19'
const KIB = 1024
const MIB = 1024 * KIB

/** `1+1+1…` of about `bytes` characters: cheap to send, costly to parse naively. */
export const additions = (bytes: number) => `1${'+1'.repeat(Math.floor((bytes - 1) / 2))}`

/** `*[count(*[count(…)>0])>0]` nested `depth` times: the work grows as documents^depth. */
export function nestedFilter(depth: number): string {
  let query = '*'
  for (let level = 0; level < depth; level++) query = `*[count(${query})>0]`
  return query
}

const queryUrl = (target: Target, dataset = target.dataset) => `${target.lakeUrl}${API}/data/query/${dataset}`

function queryAttacks(name: string, query: string): Attack[] {
  return [
    {
      kind: `query ${name} (GET)`,
      budgetMs: 10_000,
      perRound: 1,
      send: (target, _, __, options) => timedFetch(`${queryUrl(target)}?query=${encodeURIComponent(query)}`, {}, options),
    },
    {
      kind: `query ${name} (POST)`,
      budgetMs: 10_000,
      perRound: 1,
      send: (target, _, __, options) =>
        timedFetch(queryUrl(target), {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({query})}, options),
    },
  ]
}

function listenAttack(name: string, query: string): Attack {
  return {
    kind: `listen ${name}`,
    budgetMs: 10_000,
    perRound: 1,
    // Sanity's listen protocol refuses a query inside the stream: 200, then a channelError event.
    alsoAccepts: (status, outcome) => status === 200 && /^event: channelError$/m.test(outcome.text ?? ''),
    // Held open a while: a listener's query is evaluated against every write meanwhile.
    send: (target, _, __, options) =>
      timedStream(`${target.lakeUrl}${API}/data/listen/${target.dataset}?query=${encodeURIComponent(query)}`, {}, 3000, options),
  }
}

/** Where abusive bodies go: the lake's and the site's endpoints that read one, without credentials. */
interface BodyEndpoint {
  name: string
  url(target: Target): string
  headers(target: Target, attacker: Attacker): Record<string, string>
}

const siteHeaders = (contentType: string) => (target: Target, attacker: Attacker) => ({
  'content-type': contentType,
  // Forged as easily as any header: what a same-origin check sees from a script.
  origin: target.siteUrl,
  'x-forwarded-for': attacker.address,
})

const BODY_ENDPOINTS: BodyEndpoint[] = [
  {name: 'lake mutate (no token)', url: (t) => `${t.lakeUrl}${API}/data/mutate/${t.dataset}`, headers: () => ({'content-type': 'application/json'})},
  {name: 'lake query POST', url: (t) => queryUrl(t), headers: () => ({'content-type': 'application/json'})},
  {name: 'site comment form', url: (t) => `${t.siteUrl}${t.postPath}`, headers: siteHeaders('application/x-www-form-urlencoded')},
  {name: 'site log-in POST', url: (t) => `${t.siteUrl}/auth/github`, headers: siteHeaders('application/x-www-form-urlencoded')},
  {
    name: 'site comment-status hook',
    url: (t) => `${t.siteUrl}/hooks/comment-status`,
    // A well-formed, current signature that is wrong: the site can only tell from the body.
    headers: (t, a) => ({...siteHeaders('application/json')(t, a), 'sanity-webhook-signature': `t=${Date.now()},v1=${randomBytes(32).toString('base64url')}`}),
  },
]

const BODY_SHAPES: {name: string; budgetMs: number; body: AbusiveBody}[] = [
  {name: 'Content-Length 16 MB', budgetMs: 10_000, body: {declaredLength: 16 * MIB, sentLength: 16 * MIB}},
  // What follows the stated length reads as the next request on the connection: garbage.
  {name: 'lying Content-Length (1 KB stated, 4 MB sent)', budgetMs: 10_000, body: {declaredLength: KIB, sentLength: 4 * MIB}},
  // A plausible length whose bytes never come (slow loris): the server has to stop waiting by itself.
  {name: 'stalled body (8 KB stated, 100 B sent)', budgetMs: 30_000, body: {declaredLength: 8 * KIB, sentLength: 100, stall: true}},
  {name: 'chunked 8 MB', budgetMs: 10_000, body: {sentLength: 8 * MIB}},
]

const bodyAttacks: Attack[] = BODY_ENDPOINTS.flatMap((endpoint) =>
  BODY_SHAPES.map((shape) => ({
    kind: `body ${endpoint.name}, ${shape.name}`,
    budgetMs: shape.budgetMs,
    perRound: 1,
    send: (target: Target, attacker: Attacker, _: number, options: FetchOptions) =>
      timedAbusivePost(endpoint.url(target), endpoint.headers(target, attacker), shape.body, options),
  })),
)

/** Parameters no rendering was cached for: each one costs the lake a full render of the source. */
function renderParameters(): URLSearchParams {
  const parameters = new URLSearchParams({w: String(randomInt(1, 5000)), blur: String(randomInt(1000, 2001))})
  if (randomInt(2)) parameters.set('h', String(randomInt(1, 5000)))
  if (randomInt(2)) parameters.set('rect', `${randomInt(0, 2000)},${randomInt(0, 2000)},${randomInt(1, 2000)},${randomInt(1, 2000)}`)
  if (randomInt(2)) parameters.set('fm', ['jpg', 'png', 'webp'][randomInt(3)]!)
  if (randomInt(2)) parameters.set('q', String(randomInt(1, 101)))
  return parameters
}

const PROVIDERS = ['wordpress', 'x', 'facebook', 'google', 'github']

const floodAttacks: Attack[] = [
  {
    kind: 'image render, new parameters',
    budgetMs: 15_000,
    perRound: 6,
    alsoAccepts: (status) => status < 400,
    send: (target, _, __, options) => timedFetch(`${target.lakeUrl}${target.imagePath}?${renderParameters()}`, {}, options),
  },
  {
    kind: 'log-in GET /auth/<provider>/',
    budgetMs: 5000,
    perRound: 2,
    alsoAccepts: (status) => status >= 300 && status < 400,
    send: (target, attacker, n, options) =>
      timedFetch(`${target.siteUrl}/auth/${PROVIDERS[n % PROVIDERS.length]}/`, {headers: {'x-forwarded-for': attacker.address}}, options),
  },
  {
    kind: 'log-in POST /auth/<provider> with the form',
    budgetMs: 5000,
    perRound: 4,
    // On to the provider is what an honest log-in gets too; what it costs is bounded by memory and time.
    alsoAccepts: (status) => status >= 300 && status < 400,
    send: (target, attacker, n, options) =>
      timedFetch(
        `${target.siteUrl}/auth/${PROVIDERS[n % PROVIDERS.length]}`,
        {method: 'POST', headers: siteHeaders('application/x-www-form-urlencoded')(target, attacker), body: target.commentForm.toString()},
        options,
      ),
  },
  {
    kind: 'anonymous query to a new dataset',
    budgetMs: 5000,
    perRound: 3,
    send: (target, _, __, options) =>
      timedFetch(`${queryUrl(target, `hostile-${randomBytes(6).toString('hex')}`)}?query=${encodeURIComponent('*[0]')}`, {}, options),
  },
]

function variants(kind: string, paths: ((target: Target) => [string, RequestInit])[]): Attack {
  return {
    kind,
    budgetMs: 5000,
    perRound: 1,
    send: (target, _, n, options) => {
      const [url, init] = paths[n % paths.length]!(target)
      return timedFetch(url, init, options)
    },
  }
}

const json = (body: string, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: {'content-type': 'application/json', ...headers},
  body,
})

const malformedAttacks: Attack[] = [
  variants('malformed % escapes, lake', [
    (t) => [`${t.lakeUrl}${API}/data/doc/${t.dataset}/%E0%A4%A`, {}],
    (t) => [`${t.lakeUrl}${API}/data/query/%ZZ?query=*`, {}],
    (t) => [`${queryUrl(t)}?query=%E0%A4%A`, {}],
  ]),
  variants('malformed % escapes, site', [
    (t) => [`${t.siteUrl}/%E0%A4%A/`, {}],
    (t) => [`${t.siteUrl}/2013/07/25/%ZZ/`, {}],
    (t) => [`${t.siteUrl}/search/?q=%E0%A4%A`, {}],
  ]),
  variants('invalid JSON, lake', [(t) => [queryUrl(t), json('{"query": "*[')]]),
  variants('invalid JSON, site hook', [
    (t) => [`${t.siteUrl}/hooks/comment-status`, json('{"_id": ', {'sanity-webhook-signature': `t=${Date.now()},v1=${randomBytes(32).toString('base64url')}`})],
  ]),
]

export const ATTACKS: Attack[] = [
  ...queryAttacks('1+1+… 64 KB', additions(64 * KIB)),
  ...queryAttacks('1+1+… 1 MB', additions(MIB)),
  ...queryAttacks('nested count() depth 10', nestedFilter(10)),
  listenAttack('nested count() depth 10', nestedFilter(10)),
  listenAttack('1+1+… 64 KB', additions(64 * KIB)),
  ...bodyAttacks,
  ...floodAttacks,
  ...malformedAttacks,
]

/** The requests of one round, kinds interleaved so that every kind is under way at once. */
export function oneRound(attacks: readonly Attack[]): Attack[] {
  const round: Attack[] = []
  const most = Math.max(...attacks.map((attack) => attack.perRound))
  for (let turn = 0; turn < most; turn++) round.push(...attacks.filter((attack) => attack.perRound > turn))
  return round
}

/** Whether the server dealt with an abusive request as it must: a refusal or a closed connection, within budget. */
export function handled(attack: Attack, outcome: Outcome): boolean {
  if (outcome.failure === 'hang' || outcome.failure === 'refused' || outcome.ms > attack.budgetMs) return false
  if (outcome.failure === 'closed') return true
  const status = outcome.status!
  return (status >= 400 && status < 500) || status === 503 || (attack.alsoAccepts?.(status, outcome) ?? false)
}
