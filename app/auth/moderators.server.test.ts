import {expect, test} from 'vitest'
import {authorProfilesOf, isModerator, type ModeratorEntry} from './moderators.server'
import type {ReaderIdentity} from '../../contract/identity'

const moderators: ModeratorEntry[] = [
  {kind: 'google', accountId: '104857600000000000001'},
  {kind: 'email', email: 'Office@Example.com'},
]

const reader = (identity: Partial<ReaderIdentity>): ReaderIdentity => ({provider: 'github', accountId: '1', name: 'Someone', ...identity})

test('a moderator is recognised by provider and account id', () => {
  expect(isModerator(reader({provider: 'google', accountId: '104857600000000000001'}), moderators)).toBe(true)
  // The same id at another provider is someone else.
  expect(isModerator(reader({provider: 'github', accountId: '104857600000000000001'}), moderators)).toBe(false)
})

test('or by a verified email address from any provider, whatever its case', () => {
  expect(isModerator(reader({provider: 'wordpress', email: 'office@example.com'}), moderators)).toBe(true)
  expect(isModerator(reader({provider: 'wordpress'}), moderators)).toBe(false)
})

test('a guest is never a moderator', () => {
  expect(isModerator(null, moderators)).toBe(false)
  expect(isModerator(reader({}), [])).toBe(false)
})

test('the author profiles a reader writes as come only from the moderator entries that recognise them', () => {
  const entries: ModeratorEntry[] = [
    {kind: 'google', accountId: '104857600000000000001', author: 'author-jami'},
    {kind: 'email', email: 'jami@example.com', author: 'author-jami'},
    {kind: 'github', accountId: '77', author: 'author-sam'},
    {kind: 'github', accountId: '78'},
  ]
  expect(authorProfilesOf(reader({provider: 'google', accountId: '104857600000000000001', email: 'jami@example.com'}), entries)).toEqual(['author-jami'])
  expect(authorProfilesOf(reader({provider: 'github', accountId: '77'}), entries)).toEqual(['author-sam'])
  // A moderator without a profile writes as nobody; a guest or another reader neither.
  expect(authorProfilesOf(reader({provider: 'github', accountId: '78'}), entries)).toEqual([])
  expect(authorProfilesOf(reader({provider: 'github', accountId: '79'}), entries)).toEqual([])
  expect(authorProfilesOf(null, entries)).toEqual([])
})
