import {expect, test} from 'vitest'
import {type CommenterRule, commenterRuleDocument, decisiveRule, type NewRule} from '../../../contract/commenter-rules'
import {hashNetworkPrefix} from '~/security/network-address.server'
import {type PipelineStages, runCommentPipeline} from '../comment-pipeline.server'
import {testContext, testForm} from './check-context.test-support'
import {HONEYPOT_FIELD} from '../form-fields'
import {commenterRuleLookup} from './commenter-rules.server'
import {honeypotCheck} from './honeypot.server'
import {holdWordsCheck, linkCountCheck, moderationModeCheck, trashWordsCheck} from './moderation-rules.server'
import {crisisLanguageCheck, personalDetailsCheck} from './safety-checks.server'
import {sensitiveTopicCheck} from './sensitive-topic.server'

// The pipeline's real checks, in the site's order, with rules made as Studio makes them and
// found by their keys as the lake query finds them.

const NOW = new Date('2026-11-27T10:00:00Z')
const ANN_ADDRESS = '203.0.113.9'
// A comment Ann wrote before, as Studio reads its record (the network hashed as the site hashed it).
const ANN = {_id: 'comment-private.comment-old', authorName: 'Ann', provider: 'guest', email: 'ann@example.com'}
const annsNetwork = () => ({...ANN, networkPrefixHash: hashNetworkPrefix(ANN_ADDRESS)})

async function rule(verdict: NewRule['verdict'], match: NewRule['match'], source: NewRule['source'] = ANN, expiry: NewRule['expiry'] = '30d', now = NOW) {
  return (await commenterRuleDocument({verdict, match, source, reason: 'Because', expiry, now}))!
}

function stages(rules: CommenterRule[]): PipelineStages {
  return {
    requestGates: [],
    submissionGates: [],
    commenterRule: commenterRuleLookup(async (keys, now) =>
      decisiveRule(
        rules.filter((stored) => keys.includes(stored.key)),
        now,
      ),
    ),
    checks: [
      crisisLanguageCheck,
      sensitiveTopicCheck,
      personalDetailsCheck(async () => ['Dr. Jami Wilder']),
      honeypotCheck,
      trashWordsCheck,
      holdWordsCheck,
      linkCountCheck,
      moderationModeCheck(async () => false),
    ],
    spamCheck: async (_context, flags) => ({flag: null, verdict: flags.some((flag) => flag.spamVerdict === 'blatant') ? 'blatant' : 'ham'}),
  }
}

function comment(body: string, extra: Parameters<typeof testContext>[0] = {}) {
  const context = testContext({
    form: testForm({name: 'Ann', email: 'ann@example.com', body}),
    settings: {mode: 'holdFirstTime', holdWords: ['refund'], trashWords: ['casino'], ...extra.settings},
    request: {clientAddress: ANN_ADDRESS, ...extra.request},
    now: NOW,
    ...(extra.post ? {post: extra.post} : {}),
  })
  return {...context, ...(extra.submission?.identity ? {identity: extra.submission.identity} : {})}
}

test('a trusted commenter skips the first-comment, hold-word and link holds', async () => {
  const trusted = [await rule('trust', 'email')]
  const text = 'Is a refund possible? See https://a.example and https://b.example'
  expect(await runCommentPipeline(comment(text), stages([]))).toMatchObject({status: 'pending'})
  expect(await runCommentPipeline(comment(text), stages(trusted))).toMatchObject({type: 'accepted', status: 'approved', reasons: []})
  expect(await runCommentPipeline(comment('Hello', {settings: {mode: 'holdAll'}}), stages(trusted))).toMatchObject({status: 'approved'})
})

test('safety outranks trust: crisis language, personal details, a sensitive post, trash words and blatant spam still decide', async () => {
  const trusted = [await rule('trust', 'email')]
  const crisis = await runCommentPipeline(comment('Honestly everyone would be better off without me.'), stages(trusted))
  expect(crisis).toMatchObject({status: 'pending', needsCare: true, reasons: [expect.stringMatching(/^Needs care/)]})
  expect(await runCommentPipeline(comment('Dr. Jami Wilder treats my depression.'), stages(trusted))).toMatchObject({
    status: 'pending',
    reasons: [expect.stringMatching(/^Personal details/)],
  })
  expect(await runCommentPipeline(comment('Thanks', {post: {sensitiveTopic: true}}), stages(trusted))).toMatchObject({status: 'pending'})
  expect(await runCommentPipeline(comment('Try the casino'), stages(trusted))).toMatchObject({status: 'trash'})
  const honeypot = comment('Thanks')
  honeypot.form.set(HONEYPOT_FIELD, 'http://bot.example')
  const bot = await runCommentPipeline(honeypot, stages(trusted))
  expect(bot).toMatchObject({status: 'spam', spamVerdict: 'blatant'})
})

test('a banned commenter’s comment is stored as spam, with the ban as the reason', async () => {
  const result = await runCommentPipeline(comment('Hello'), stages([await rule('ban', 'email')]))
  expect(result).toMatchObject({
    type: 'accepted',
    status: 'spam',
    reasons: ['First comment from this commenter.', 'Banned (email): Because.'],
    needsCare: false,
  })
})

test('a banned reader who may be in crisis is still held for a person, and the care reason comes first', async () => {
  const result = await runCommentPipeline(comment('I have been cutting again.'), stages([await rule('ban', 'email')]))
  expect(result).toMatchObject({status: 'pending', needsCare: true})
  if (result.type !== 'accepted') throw new Error('refused')
  expect(result.reasons[0]).toMatch(/^Needs care/)
  expect(result.reasons.at(-1)).toBe('Banned (email): Because.')
})

test('a network ban matches any address in the same /24, and no other', async () => {
  const banned = stages([await rule('ban', 'network', annsNetwork())])
  expect(await runCommentPipeline(comment('Hello', {request: {clientAddress: '203.0.113.200'}}), banned)).toMatchObject({status: 'spam'})
  expect(await runCommentPipeline(comment('Hello', {request: {clientAddress: '203.0.114.9'}}), banned)).toMatchObject({status: 'pending'})
})

test('an account ban matches the signed-in account, not a guest using the same email', async () => {
  const account = {...ANN, provider: 'github', providerAccountId: '99'}
  const banned = stages([await rule('ban', 'account', account)])
  const identity = {provider: 'github' as const, accountId: '99', name: 'Ann', email: 'other@example.com'}
  expect(await runCommentPipeline(comment('Hello', {submission: {identity}}), banned)).toMatchObject({status: 'spam'})
  expect(await runCommentPipeline(comment('Hello'), banned)).toMatchObject({status: 'pending'})
})

test('an expired ban stops applying at once; a ban outranks a trust that also matches', async () => {
  const expired = await rule('ban', 'email', ANN, '1d', new Date(NOW.getTime() - 25 * 60 * 60 * 1000))
  expect(await runCommentPipeline(comment('Hello'), stages([expired]))).toMatchObject({status: 'pending'})
  const both = [await rule('trust', 'email'), await rule('ban', 'network', annsNetwork())]
  expect(await runCommentPipeline(comment('Hello'), stages(both))).toMatchObject({status: 'spam'})
})
