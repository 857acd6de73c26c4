import {expect, test} from 'vitest'
import {changeableUntil, type WriterFacts, writerRefusal} from './writer-access.server'

const POSTED = '2026-03-01T10:00:00.000Z'
const guestComment: WriterFacts = {commentId: 'comment-a1', status: 'approved', submittedAt: POSTED, provider: 'guest'}
const signedInComment: WriterFacts = {commentId: 'comment-b2', status: 'pending', submittedAt: POSTED, provider: 'github', providerAccountId: '42'}
const at = (minutes: number) => new Date(new Date(POSTED).getTime() + minutes * 60_000)

test('the window is counted from the stored submittedAt, and closes on the minute', () => {
  expect(changeableUntil(POSTED, 15).toISOString()).toBe('2026-03-01T10:15:00.000Z')
  const reader = {ownComments: ['comment-a1']}
  expect(writerRefusal(guestComment, reader, at(14.99), 15)).toBeNull()
  expect(writerRefusal(guestComment, reader, at(15), 15)).toBe('too-late')
  expect(writerRefusal(guestComment, reader, at(0), 0)).toBe('too-late')
})

test('a guest is the writer only when their session posted that very comment', () => {
  expect(writerRefusal(guestComment, {ownComments: ['comment-a1']}, at(1), 15)).toBeNull()
  expect(writerRefusal(guestComment, {ownComments: ['comment-other']}, at(1), 15)).toBe('not-yours')
  expect(writerRefusal(guestComment, {ownComments: []}, at(1), 15)).toBe('not-yours')
  // A signed-in reader is no guest's writer, whatever their account.
  expect(writerRefusal(guestComment, {ownComments: [], identity: {provider: 'github', accountId: ''}}, at(1), 15)).toBe('not-yours')
})

test('a signed-in writer is recognised by the same provider and account, in any session', () => {
  expect(writerRefusal(signedInComment, {ownComments: [], identity: {provider: 'github', accountId: '42'}}, at(1), 15)).toBeNull()
  expect(writerRefusal(signedInComment, {ownComments: [], identity: {provider: 'github', accountId: '43'}}, at(1), 15)).toBe('not-yours')
  expect(writerRefusal(signedInComment, {ownComments: [], identity: {provider: 'google', accountId: '42'}}, at(1), 15)).toBe('not-yours')
})

test('a stranger learns it is not theirs, never whether its time has passed', () => {
  expect(writerRefusal(guestComment, {ownComments: []}, at(60), 15)).toBe('not-yours')
})

test('trashed or missing comments are not found; held and spam ones (shown to their writer as held) may be changed', () => {
  const reader = {ownComments: ['comment-a1']}
  expect(writerRefusal(null, reader, at(1), 15)).toBe('not-found')
  expect(writerRefusal({...guestComment, status: 'trash'}, reader, at(1), 15)).toBe('not-found')
  expect(writerRefusal({...guestComment, status: 'pending'}, reader, at(1), 15)).toBeNull()
  expect(writerRefusal({...guestComment, status: 'spam'}, reader, at(1), 15)).toBeNull()
})
