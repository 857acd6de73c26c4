import {expect, test} from 'vitest'
import {commenterEmail, heldForPersonalDetails, isRedactable, needsCare, privateEmailLink} from './commentCare'

const held = (spamReason: string, status = 'pending') => ({status, spamReason, body: 'text'})

test('care replies are offered on pending comments held as needing care or for personal details, nowhere else', () => {
  expect(needsCare(held('Needs care: possible crisis language (self-harm).'))).toBe(true)
  expect(needsCare(held('Needs care: possible crisis language (self-harm).', 'approved'))).toBe(false)
  expect(needsCare(held('First comment from this person. Needs care?'))).toBe(false)
  expect(heldForPersonalDetails(held('Personal details: a phone number; redact before approving.'))).toBe(true)
  expect(heldForPersonalDetails(held('3 links.'))).toBe(false)
  expect(needsCare(null)).toBe(false)
})

test('only a pending comment’s text is redacted', () => {
  expect(isRedactable(held('Personal details: a phone number; redact before approving.'))).toBe(true)
  expect(isRedactable({status: 'approved', body: 'text'})).toBe(false)
  expect(isRedactable({status: 'pending'})).toBe(false)
})

test('“Email privately” writes to the address on the comment, with the reply as the message', () => {
  expect(commenterEmail({email: ' ann@example.com '})).toBe('ann@example.com')
  expect(commenterEmail({email: 'not an address'})).toBeNull()
  expect(commenterEmail({})).toBeNull()
  const link = new URL(privateEmailLink('ann+blog@example.com', 'Hello Ann,\n\nCall 988 & us.'))
  expect(link.protocol).toBe('mailto:')
  expect(decodeURIComponent(link.pathname)).toBe('ann+blog@example.com')
  expect(link.searchParams.get('subject')).toBe('About your comment on our blog')
  expect(link.searchParams.get('body')).toBe('Hello Ann,\n\nCall 988 & us.')
  expect(link.href).not.toContain('+')
})
