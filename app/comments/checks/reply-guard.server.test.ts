import {expect, test} from 'vitest'
import {REPLY_GUARD_FIELD} from '../form-fields'
import {replyGuard} from './reply-guard.server'

const asked = Date.parse('2026-11-27T10:00:00Z')
const form = (token?: string) => {
  const data = new FormData()
  if (token) data.set(REPLY_GUARD_FIELD, token)
  return data
}

test('a reply that confirms nothing is never asked about', () => {
  expect(replyGuard('Thank you for reading; your GP can refer you.', form(), 'session', asked)).toBeNull()
})

test('the confirmation holds for the same text (line breaks as the browser sends them) in the same session, for an hour', () => {
  const text = 'As we discussed,\nkeep going.'
  const question = replyGuard(text, form(), 'session', asked)
  expect(question?.phrases).toEqual(['as we discussed'])
  expect(replyGuard('As we discussed,\r\nkeep going.  ', form(question!.token), 'session', asked + 60_000)).toBeNull()
  expect(replyGuard(text, form(question!.token), 'another session', asked)).not.toBeNull()
  expect(replyGuard(text, form(question!.token), 'session', asked + 61 * 60_000)).not.toBeNull()
  expect(replyGuard(text, form('forged.token'), 'session', asked)).not.toBeNull()
})
