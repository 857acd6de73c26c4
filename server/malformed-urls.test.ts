import {expect, test} from 'vitest'
import {hasMalformedEscapes} from './malformed-urls'

test('escapes that are not UTF-8 are malformed, in the path or the query', () => {
  for (const url of ['/search/?q=%E0%A4%A', '/%E0%A4%A/', '/2013/07/25/%ZZ/', '/search/?q=%', '/?q=%C3']) {
    expect(hasMalformedEscapes(url), url).toBe(true)
  }
})

test('ordinary addresses, UTF-8 escapes and plus signs are not', () => {
  for (const url of [
    '/',
    '/search/?q=sex+therapy',
    '/search/?q=caf%C3%A9',
    '/2013/07/25/hold-on/?replytocom=12#respond',
    '/search/?q=%E2%80%9Cquoted%E2%80%9D',
  ]) {
    expect(hasMalformedEscapes(url), url).toBe(false)
  }
})
