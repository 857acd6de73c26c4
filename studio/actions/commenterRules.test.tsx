import {renderToStaticMarkup} from 'react-dom/server'
import {expect, test} from 'vitest'
import {ruleSubtitle} from '../schemaTypes/commenterRuleType'
import {reportCountOf} from './clearReports'
import {CommenterRuleForm} from './commenterRules'

const SIGNED_IN = {authorName: 'Ann', provider: 'github', providerAccountId: '99', email: 'ann@example.com', networkPrefixHash: 'keyed-hash'}
const ignore = () => undefined

const radios = (html: string) =>
  [...html.matchAll(/<input type="radio"[^>]*>/g)].map(([tag]) => ({value: /value="([a-z]+)"/.exec(tag)?.[1], checked: tag.includes('checked')}))
const selected = (html: string) => /<option value="([a-z0-9]+)" selected/.exec(html)?.[1]

test('Ban author… offers each way the comment can name its author, the email masked, the account first, for a year by default', () => {
  const html = renderToStaticMarkup(<CommenterRuleForm verdict="ban" source={SIGNED_IN} onSubmit={ignore} />)
  expect(radios(html)).toEqual([
    {value: 'account', checked: true},
    {value: 'email', checked: false},
    {value: 'network', checked: false},
  ])
  expect(html).toContain('Ann (GitHub account)')
  expect(html).toContain('Ann (a•••@example.com)')
  expect(html).not.toContain('ann@example.com')
  expect(html).toContain('Ann (their network)')
  expect(selected(html)).toBe('1y')
  expect(html).toContain('stored as spam')
  expect(html).toContain('still held for you')
  expect(html).toMatch(/<button type="submit">Ban<\/button>/)
})

test('a guest without a stored network is recognised by email alone; a network rule defaults to 30 days', () => {
  const guest = renderToStaticMarkup(
    <CommenterRuleForm verdict="trust" source={{authorName: 'Bo', provider: 'guest', email: 'bo@example.com'}} onSubmit={ignore} />,
  )
  expect(radios(guest)).toEqual([{value: 'email', checked: true}])
  expect(guest).toContain('safety outranks trust')
  const networkOnly = renderToStaticMarkup(<CommenterRuleForm verdict="ban" source={{provider: 'guest', networkPrefixHash: 'h'}} onSubmit={ignore} />)
  expect(radios(networkOnly)).toEqual([{value: 'network', checked: true}])
  expect(selected(networkOnly)).toBe('30d')
  expect(renderToStaticMarkup(<CommenterRuleForm verdict="ban" source={{provider: 'guest'}} onSubmit={ignore} />)).toContain('no account, email or network')
})

test('the Banned & trusted list says what each rule does, until when, and why', () => {
  expect(ruleSubtitle({verdict: 'ban', match: 'email', expiresAt: '2027-01-02T12:00:00.000Z', reason: ' Abuse '})).toBe(
    'Banned by email · until Jan 2, 2027 · Abuse',
  )
  expect(ruleSubtitle({verdict: 'trust', match: 'account'})).toBe('Trusted by account · no end')
})

test('Clear reports is offered only on a comment readers reported', () => {
  expect(reportCountOf({reportCount: 2})).toBe(2)
  expect(reportCountOf({reportCount: 0})).toBe(0)
  expect(reportCountOf({})).toBe(0)
  expect(reportCountOf(null)).toBe(0)
})
