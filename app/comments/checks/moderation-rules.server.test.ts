import {expect, test} from 'vitest'
import {countLinks, findListedWord, holdWordsCheck, linkCountCheck, moderationModeCheck, trashWordsCheck} from './moderation-rules.server'
import {testContext} from './check-context.test-support'

test('listed words match whole words in any case, not parts of other words', () => {
  expect(findListedWord('buy cheap pills now', ['pills'])).toBe('pills')
  expect(findListedWord('Buy CHEAP Pills', ['cheap pills'])).toBe('cheap pills')
  expect(findListedWord('a class act', ['ass'])).toBeUndefined()
  expect(findListedWord('anything', ['', '  '])).toBeUndefined()
  expect(findListedWord('price: $5 (today)', ['$5 (today)'])).toBe('$5 (today)')
})

test('trash words trash; hold words hold; in the name, email, website or text', () => {
  const settings = {trashWords: ['casino'], holdWords: ['refund']}
  expect(trashWordsCheck.run(testContext({settings, submission: {website: 'https://casino.example'}}))).toMatchObject({outcome: 'trash'})
  expect(holdWordsCheck.run(testContext({settings, submission: {body: 'I want a refund'}}))).toMatchObject({outcome: 'hold'})
  expect(trashWordsCheck.run(testContext({settings}))).toBeNull()
  expect(holdWordsCheck.run(testContext({settings}))).toBeNull()
})

test('comments with the set number of links or more are held', () => {
  expect(countLinks('see https://a.example and http://b.example or www.c.example')).toBe(3)
  const two = testContext({submission: {body: 'https://a.example https://b.example'}})
  expect(linkCountCheck.run(two)).toMatchObject({outcome: 'hold', reason: expect.stringContaining('2 links')})
  expect(linkCountCheck.run(testContext({submission: {body: 'one https://a.example'}}))).toBeNull()
})

test('the moderation mode holds every comment, or first-time commenters only, or none', async () => {
  const known = moderationModeCheck(async () => true)
  const stranger = moderationModeCheck(async () => false)
  expect(await known.run(testContext({settings: {mode: 'holdAll'}}))).toMatchObject({outcome: 'hold'})
  expect(await stranger.run(testContext({settings: {mode: 'holdFirstTime'}}))).toMatchObject({outcome: 'hold'})
  expect(await known.run(testContext({settings: {mode: 'holdFirstTime'}}))).toBeNull()
  expect(await stranger.run(testContext({settings: {mode: 'publishUnlessFlagged'}}))).toBeNull()
})
