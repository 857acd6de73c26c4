import {expect, test} from 'vitest'
import {entryText} from './moderationLogText'

test('each kind of moderator reads as who they are and where they acted', () => {
  expect(entryText({from: 'pending', to: 'approved', who: {kind: 'studio', userId: 'p-1', name: 'Morgan'}})).toBe('Pending → Approved by Morgan (in Studio)')
  expect(entryText({from: 'pending', to: 'spam', who: {kind: 'email', address: 'mod@example.com'}})).toBe('Pending → Spam by mod@example.com (emailed link)')
  expect(entryText({from: 'spam', to: 'trash', who: {kind: 'moderator', provider: 'github', accountId: '42', name: 'Jo'}})).toBe(
    'Spam → Trash by Jo (on the post page, signed in with github)',
  )
  expect(entryText({from: null, to: 'pending', who: {kind: 'site', task: 'new comment'}})).toBe('New → Pending by the site (new comment)')
  expect(entryText({from: 'trash', to: 'deleted', who: {kind: 'site', task: 'trash retention'}})).toBe('Trash → Deleted by the site (trash retention)')
  expect(entryText({from: 'approved', to: 'pending', who: {kind: 'reader', action: 'edit'}})).toBe('Approved → Pending by its writer (edited it)')
  expect(entryText({from: 'approved', to: 'trash', who: {kind: 'reader', action: 'delete'}})).toBe('Approved → Trash by its writer (deleted it)')
})
