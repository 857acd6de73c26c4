import {expect, test} from 'vitest'
import {excerpt} from './excerpt'

test('keeps short texts whole, collapsing white space', () => {
  expect(excerpt('  One   two\nthree ')).toBe('One two three')
})

test('cuts long texts after the word limit with an ellipsis', () => {
  expect(excerpt('a b c d e', 3)).toBe('a b c…')
})
