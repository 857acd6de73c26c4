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
  '/..//evil.example',
  '/../..//evil.example/path',
  '/%2e%2e//evil.example',
  '/%2E%2E/%2e%2e//evil.example',
  '/./\t/evil',
  '/.\\/evil.example',
  '/a/../\\evil.example',
  '/%2f%2fevil.example',
  '/%5cevil.example',
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

test('dot-segments that stay on the site are resolved, not refused', () => {
  expect(safeReturnTo('/2013/07/../07/25/hold-on/')).toBe('/2013/07/25/hold-on/')
  expect(safeReturnTo('/./search/?q=a%2Fb')).toBe('/search/?q=a%2Fb')
})
