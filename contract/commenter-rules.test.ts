import {expect, test} from 'vitest'
import {commenterKeys, commenterRuleDocument, decisiveRule, expiryDate, maskedEmail, matchesOffered, ruleApplies, ruleKey} from './commenter-rules'

const NOW = new Date('2026-12-01T12:00:00.000Z')
const RECORD = {
  _id: 'comment-private.comment-1',
  authorName: 'Ann',
  provider: 'github',
  providerAccountId: '99',
  email: ' Ann@Example.com ',
  networkPrefixHash: 'keyed-hash-of-203.0.113.0/24',
}

test('each kind of rule matches only its own part of the commenter: account, email (any case) or network', async () => {
  const [account, email, network] = await Promise.all([ruleKey('account', RECORD), ruleKey('email', RECORD), ruleKey('network', RECORD)])
  expect(new Set([account, email, network]).size).toBe(3)
  expect(await ruleKey('email', {email: 'ann@example.com'})).toBe(email)
  expect(await ruleKey('account', {provider: 'github', providerAccountId: '99'})).toBe(account)
  // The same account id at another provider is someone else.
  expect(await ruleKey('account', {provider: 'google', providerAccountId: '99'})).not.toBe(account)
  expect(await ruleKey('network', {networkPrefixHash: 'keyed-hash-of-198.51.100.0/24'})).not.toBe(network)
  // What a new comment is looked up by is exactly those keys.
  expect((await commenterKeys(RECORD)).sort()).toEqual([account, email, network].sort())
})

test('a guest has no account to match, and a comment without a network hash no network', async () => {
  expect(matchesOffered({provider: 'guest', providerAccountId: '99', email: 'a@b.example'})).toEqual(['email'])
  expect(await ruleKey('account', {provider: 'guest', providerAccountId: '99'})).toBeNull()
  expect(matchesOffered(RECORD)).toEqual(['account', 'email', 'network'])
  expect(await commenterKeys({provider: 'guest'})).toEqual([])
})

test('the rule document is private, stores a hash instead of the email, and shows staff a masked address', async () => {
  const rule = await commenterRuleDocument({verdict: 'ban', match: 'email', source: RECORD, reason: ' Abusive to others. ', expiry: '30d', now: NOW, by: 'Mo'})
  expect(rule).toMatchObject({
    _type: 'commenterRule',
    verdict: 'ban',
    match: 'email',
    key: await ruleKey('email', RECORD),
    who: 'Ann (A•••@Example.com)',
    reason: 'Abusive to others.',
    expiresAt: '2026-12-31T12:00:00.000Z',
    createdBy: 'Mo',
    comment: {_ref: 'comment-private.comment-1', _weak: true},
  })
  expect(rule!._id).toMatch(/^commenter-rule\.[0-9a-f]{40}$/)
  expect(JSON.stringify(rule)).not.toMatch(/ann@example\.com/i)
  // A trust of the same email is the same document: choosing again replaces the earlier choice.
  const trust = await commenterRuleDocument({verdict: 'trust', match: 'email', source: RECORD, expiry: 'never', now: NOW})
  expect(trust!._id).toBe(rule!._id)
  expect(trust).not.toHaveProperty('expiresAt')
  expect(
    await commenterRuleDocument({verdict: 'ban', match: 'account', source: {_id: 'comment-private.c', provider: 'guest'}, expiry: '1d', now: NOW}),
  ).toBeNull()
  expect(maskedEmail('bo@example.org')).toBe('b•••@example.org')
})

test('expiry: 1 day, 30 days, 1 year or never; an expired rule stops applying at that very moment', () => {
  expect(expiryDate('1d', NOW)?.toISOString()).toBe('2026-12-02T12:00:00.000Z')
  expect(expiryDate('1y', NOW)?.toISOString()).toBe('2027-12-01T12:00:00.000Z')
  expect(expiryDate('never', NOW)).toBeNull()
  expect(ruleApplies({expiresAt: '2026-12-01T12:00:00.001Z'}, NOW)).toBe(true)
  expect(ruleApplies({expiresAt: NOW.toISOString()}, NOW)).toBe(false)
  expect(ruleApplies({}, NOW)).toBe(true)
})

test('a ban outranks a trust, whichever matched; expired rules never decide', () => {
  const trust = {verdict: 'trust', match: 'email'} as const
  const ban = {verdict: 'ban', match: 'network'} as const
  const expiredBan = {verdict: 'ban', match: 'account', expiresAt: '2026-11-30T00:00:00.000Z'} as const
  expect(decisiveRule([trust, ban], NOW)).toBe(ban)
  expect(decisiveRule([expiredBan, trust], NOW)).toBe(trust)
  expect(decisiveRule([expiredBan], NOW)).toBeNull()
})
