import {expect, test} from 'vitest'
import {reasonAfterEdit, statusAfterEdit} from './edit-verdict.server'

test('an edit only ever makes a comment’s standing stricter, and crisis words hold it for a person', () => {
  expect(statusAfterEdit('approved', 'approved', false)).toBe('approved')
  expect(statusAfterEdit('approved', 'pending', false)).toBe('pending')
  expect(statusAfterEdit('approved', 'spam', false)).toBe('spam')
  // A moderator's hold, or a hold waiting for one, is never undone by rewriting the text.
  expect(statusAfterEdit('pending', 'approved', false)).toBe('pending')
  expect(statusAfterEdit('spam', 'approved', false)).toBe('spam')
  expect(statusAfterEdit('pending', 'trash', false)).toBe('trash')
  // Someone who may be in crisis reaches a person, not the spam folder (decision 0190).
  expect(statusAfterEdit('spam', 'pending', true)).toBe('pending')
})

test('the hold reason keeps “Needs care” first and the earlier reason, and marks what the edit added', () => {
  expect(reasonAfterEdit(undefined, [])).toBeUndefined()
  expect(reasonAfterEdit('Held: 2 links.', [])).toBe('Held: 2 links.')
  expect(reasonAfterEdit('Held: 2 links.', ['Hold word “x”.'])).toBe('Held: 2 links. After an edit: Hold word “x”.')
  expect(reasonAfterEdit('Held: 2 links.', ['Hold word “x”.', 'Needs care: crisis words.'])).toBe(
    'Needs care: crisis words. Held: 2 links. After an edit: Hold word “x”.',
  )
  expect(reasonAfterEdit('Needs care: crisis words.', ['Hold word “x”.'])).toMatch(/^Needs care/)
})
