import {expect, test} from 'vitest'
import {DEFAULT_CARE_REPLIES, fillCareReply} from './care-replies'

test('placeholders become the commenter’s name and the practice’s; a missing one stays visible in brackets', () => {
  expect(
    fillCareReply('Thank you, {name}. Call {practiceName} at {practicePhone}.', {name: 'Ann', practiceName: 'Wilder Therapy', practicePhone: '(401) 555-0123'}),
  ).toBe('Thank you, Ann. Call Wilder Therapy at (401) 555-0123.')
  expect(fillCareReply('Call us at {practicePhone}, {name}.', {name: ' ', practicePhone: null})).toBe('Call us at [practice phone], [name].')
})

test('every default reply invites private contact and promises nothing; those for a reader in crisis give the crisis line', () => {
  for (const reply of DEFAULT_CARE_REPLIES) {
    if (!reply.title.includes('personal details')) expect(reply.text, reply.title).toMatch(/\b988\b/)
    expect(reply.text, reply.title).toContain('{practicePhone}')
    expect(reply.text, reply.title).not.toMatch(/\b(promise|guarantee|will be fine|diagnos)/i)
  }
})
