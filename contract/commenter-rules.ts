import {COMMENT_RECORD_ID_PREFIX, COMMENTER_RULE_ID_PREFIX, DOCUMENT_TYPES} from './documents'

/**
 * A moderator's ban or trust of a commenter (decision 0235): by the account they signed in
 * with, by their email, or by their network (the keyed hash of their IPv4 /24 or IPv6 /48 the
 * site keeps on the comment, never an address). Plain data and pure functions: Studio makes
 * rules with `commenterRuleDocument`, the site finds them with `commenterKeys`, and both hash
 * what a rule matches the same way, so a rule never stores an email or account id itself.
 */

export const RULE_VERDICTS = ['ban', 'trust'] as const
export type RuleVerdict = (typeof RULE_VERDICTS)[number]

export const RULE_MATCHES = ['account', 'email', 'network'] as const
export type RuleMatch = (typeof RULE_MATCHES)[number]

const DAY_MS = 24 * 60 * 60 * 1000

/** How long a rule lasts; "never" has no end. */
export const RULE_EXPIRIES = [
  {value: '1d', title: '1 day', days: 1},
  {value: '30d', title: '30 days', days: 30},
  {value: '1y', title: '1 year', days: 365},
  {value: 'never', title: 'Never', days: null},
] as const
export type RuleExpiry = (typeof RULE_EXPIRIES)[number]['value']

/** Networks change hands (a café, a phone carrier's pool), so a rule on one lasts a month unless chosen otherwise. */
export const DEFAULT_RULE_EXPIRY: Record<RuleMatch, RuleExpiry> = {account: '1y', email: '1y', network: '30d'}

/** The fields of a comment record a rule can be made from. */
export interface RuleSource {
  authorName?: unknown
  provider?: unknown
  providerAccountId?: unknown
  email?: unknown
  networkPrefixHash?: unknown
}

/** A ban or trust as stored: `key` is a hash of what it matches, `who` what Studio shows of the commenter. */
export interface CommenterRule {
  _id: string
  _type: typeof DOCUMENT_TYPES.commenterRule
  verdict: RuleVerdict
  match: RuleMatch
  key: string
  who: string
  reason?: string
  /** No end when absent. */
  expiresAt?: string
  createdAt: string
  createdBy?: string
  /** The comment it was made from (weak: the comment may be deleted long before the rule). */
  comment?: {_type: 'reference'; _ref: string; _weak: true}
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '')

async function sha256Hex(value: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(value))
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** What a rule of this kind would match on this comment, before hashing; null when the comment lacks it. */
function matchedValue(match: RuleMatch, source: RuleSource): string | null {
  if (match === 'account') {
    const provider = text(source.provider)
    const account = text(source.providerAccountId)
    return provider && provider !== 'guest' && account ? `${provider}:${account}` : null
  }
  if (match === 'email') return text(source.email).toLowerCase() || null
  return text(source.networkPrefixHash) || null
}

/** The kinds of rule this comment can be the source of (a guest has no account; old comments no network). */
export function matchesOffered(source: RuleSource): RuleMatch[] {
  return RULE_MATCHES.filter((match) => matchedValue(match, source) !== null)
}

/** The key a rule of this kind stores for this commenter, or null when the comment lacks what it matches. */
export async function ruleKey(match: RuleMatch, source: RuleSource): Promise<string | null> {
  const value = matchedValue(match, source)
  return value === null ? null : sha256Hex(`${match}:${value}`)
}

/** Every key a new comment from this commenter could be matched by. */
export async function commenterKeys(source: RuleSource): Promise<string[]> {
  const keys = await Promise.all(RULE_MATCHES.map((match) => ruleKey(match, source)))
  return keys.filter((key): key is string => key !== null)
}

/** `a•••@example.com`: enough for staff to tell two commenters apart, no more. */
export function maskedEmail(email: string): string {
  const [local = '', domain = ''] = email.trim().split('@')
  return `${local.slice(0, 1)}•••@${domain}`
}

const PROVIDER_NAMES: Record<string, string> = {wordpress: 'WordPress.com', x: 'X', facebook: 'Facebook', google: 'Google', github: 'GitHub'}

/** How Studio's list names the commenter a rule is about. */
export function whoLabel(match: RuleMatch, source: RuleSource): string {
  const name = text(source.authorName) || 'A commenter'
  if (match === 'account') return `${name} (${PROVIDER_NAMES[text(source.provider)] ?? text(source.provider)} account)`
  if (match === 'email') return `${name} (${maskedEmail(text(source.email))})`
  return `${name} (their network)`
}

export function expiryDate(expiry: RuleExpiry, now: Date): Date | null {
  const days = RULE_EXPIRIES.find((choice) => choice.value === expiry)?.days
  return days ? new Date(now.getTime() + days * DAY_MS) : null
}

/** Whether a rule still applies at `now`: one past its expiry stops at once, before the sweep deletes it. */
export function ruleApplies(rule: Pick<CommenterRule, 'expiresAt'>, now: Date): boolean {
  return !rule.expiresAt || new Date(rule.expiresAt).getTime() > now.getTime()
}

/** Of the rules matching a commenter, the one that decides: a ban over a trust, whatever matched. */
export function decisiveRule<R extends Pick<CommenterRule, 'verdict' | 'expiresAt'>>(rules: R[], now: Date): R | null {
  const live = rules.filter((rule) => ruleApplies(rule, now))
  return live.find((rule) => rule.verdict === 'ban') ?? live[0] ?? null
}

export interface NewRule {
  verdict: RuleVerdict
  match: RuleMatch
  /** The comment record the moderator acted from. */
  source: RuleSource & {_id: string}
  reason?: string
  expiry: RuleExpiry
  now: Date
  /** The moderator's name, for the list. */
  by?: string
}

/**
 * The rule document a moderator's choice makes, or null when the comment lacks what the rule
 * would match. Its id comes from what it matches: banning someone once trusted replaces the trust.
 */
export async function commenterRuleDocument(rule: NewRule): Promise<CommenterRule | null> {
  const key = await ruleKey(rule.match, rule.source)
  if (!key) return null
  const expires = expiryDate(rule.expiry, rule.now)
  const reason = rule.reason?.trim().slice(0, 500)
  const recordId = rule.source._id.replace(/^drafts\./, '')
  return {
    _id: `${COMMENTER_RULE_ID_PREFIX}${key.slice(0, 40)}`,
    _type: DOCUMENT_TYPES.commenterRule,
    verdict: rule.verdict,
    match: rule.match,
    key,
    who: whoLabel(rule.match, rule.source),
    ...(reason ? {reason} : {}),
    ...(expires ? {expiresAt: expires.toISOString()} : {}),
    createdAt: rule.now.toISOString(),
    ...(rule.by ? {createdBy: rule.by} : {}),
    ...(recordId.startsWith(COMMENT_RECORD_ID_PREFIX) ? {comment: {_type: 'reference', _ref: recordId, _weak: true}} : {}),
  }
}

/** The reason a banned commenter's comment is stored as spam with, for moderators only. */
export function bannedReason(rule: Pick<CommenterRule, 'match' | 'reason'>): string {
  const by = {account: 'account', email: 'email', network: 'network'}[rule.match]
  const why = rule.reason?.trim().replace(/[.!?]+$/, '')
  return `Banned (${by})${why ? `: ${why}` : ''}.`
}
