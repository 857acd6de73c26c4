import {expect, test} from 'vitest'
import {searchPattern} from './archives.server'

test('a reader’s words become prefix patterns for GROQ match, punctuation and wildcards dropped', () => {
  expect(searchPattern('  Sex   therapy? ')).toEqual(['Sex*', 'therapy*'])
  expect(searchPattern('don’t *panic* "now"')).toEqual(['don’t*', 'panic*', 'now*'])
  expect(searchPattern('*** ??')).toEqual([])
  expect(searchPattern('a b c d e f g h i j')).toHaveLength(8)
})
