import {expect, test} from 'vitest'
import {safeReturnTo} from './return-to'

test('a path on this site is kept, with its query and fragment', () => {
  expect(safeReturnTo('/2013/07/25/hold-on/#respond')).toBe('/2013/07/25/hold-on/#respond')
  expect(safeReturnTo('/search/?q=a')).toBe('/search/?q=a')
})

test.each([
  'https://evil.example',
  'http://evil.example/path',
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/\t/evil.example',
  '/%0a/evil.example'.replace('%0a', '\n'),
  'javascript:alert(1)',
  'evil.example',
  '',
])('%j falls back to the home page', (value) => {
  expect(safeReturnTo(value)).toBe('/')
})

test('anything but a string falls back', () => {
  expect(safeReturnTo(null)).toBe('/')
  expect(safeReturnTo(undefined, '/here/')).toBe('/here/')
})
