import {expect, test} from 'vitest'
import {quoted, sentence} from './wording'

test('a title is quoted once', () => {
  expect(quoted('Sleep and anxiety')).toBe('“Sleep and anxiety”')
  expect(quoted('  Sleep  ')).toBe('“Sleep”')
  // The seeded WordPress title already begins with a quotation: no second pair around it.
  expect(quoted('“Hold On. We Don’t Do That” – Sex Therapy v. Sexual Surrogacy')).toBe('“Hold On. We Don’t Do That” – Sex Therapy v. Sexual Surrogacy')
  expect(quoted('Why we say “no”')).toBe('Why we say “no”')
  for (const title of ['"Straight"', "'Single'", '‘Curly single’', '„Low“', '«Guillemets»']) expect(quoted(title)).toBe(title)
  expect(quoted('Don’t panic')).toBe('“Don’t panic”')
})

test('a sentence ends once', () => {
  expect(sentence('First comment from this commenter')).toBe('First comment from this commenter.')
  expect(sentence('First comment from this commenter.')).toBe('First comment from this commenter.')
  expect(sentence('Is this spam?')).toBe('Is this spam?')
  expect(sentence('Wait!')).toBe('Wait!')
  expect(sentence('And then…')).toBe('And then…')
  expect(sentence('It said “stop.”')).toBe('It said “stop.”')
  expect(sentence('(see above.)')).toBe('(see above.)')
  expect(sentence('  Trailing space  ')).toBe('Trailing space.')
})
