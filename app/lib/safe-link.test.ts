import {expect, test} from 'vitest'
import {BODY_LINK_SCHEMES, safeLinkHref} from './safe-link'

test.each([
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  '\u0001\u0002javascript:alert(1)',
  '\tjava\nscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '//evil.example',
  '/\\evil.example',
  '/local/path',
  '#fragment',
  'evil.example',
  '',
  'ftp://files.example/',
])('%j is not a link', (value) => {
  expect(safeLinkHref(value)).toBeNull()
  expect(safeLinkHref(value, BODY_LINK_SCHEMES)).toBeNull()
})

test('http and https addresses are kept, as the browser would read them', () => {
  expect(safeLinkHref('https://ann.example')).toBe('https://ann.example/')
  expect(safeLinkHref('http://ann.example/a?b=c#d')).toBe('http://ann.example/a?b=c#d')
  expect(safeLinkHref('  HTTPS://Ann.Example/Page ')).toBe('https://ann.example/Page')
})

test('email and phone links only where a post body may have them', () => {
  expect(safeLinkHref('mailto:ann@example.com')).toBeNull()
  expect(safeLinkHref('mailto:ann@example.com', BODY_LINK_SCHEMES)).toBe('mailto:ann@example.com')
  expect(safeLinkHref('tel:+14015550123', BODY_LINK_SCHEMES)).toBe('tel:+14015550123')
})

test('anything but a string is not a link', () => {
  expect(safeLinkHref(undefined)).toBeNull()
  expect(safeLinkHref({href: 'https://a.example'})).toBeNull()
})
