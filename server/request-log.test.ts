import {expect, test} from 'vitest'
import {loggedPath, prettyLine} from './request-log'

test('the secret in a tokened link’s path is never logged; other paths are logged as they are', () => {
  expect(loggedPath('/moderate/abcDEF123_-xyz')).toBe('/moderate/…')
  expect(loggedPath('/unsubscribe/abcDEF123')).toBe('/unsubscribe/…')
  expect(loggedPath('/follow-ups/abcDEF123')).toBe('/follow-ups/…')
  expect(loggedPath('/preview/abcDEF123/')).toBe('/preview/…/')
  expect(loggedPath('/privacy/comments/abcDEF123/export')).toBe('/privacy/comments/…/export')
  expect(loggedPath('/privacy/comments/')).toBe('/privacy/comments/')
  expect(loggedPath('/2013/07/25/a-post/')).toBe('/2013/07/25/a-post/')
})

test('a request line in a terminal shows the lake’s share of the time when there was one', () => {
  const line = (lakeMs: number) => JSON.stringify({requestId: 'r1', method: 'GET', path: '/', status: 200, ms: 12, lakeMs})
  expect(prettyLine(line(5))).toBe('GET / 200 12ms (lake 5ms) (r1)\n')
  expect(prettyLine(line(0))).toBe('GET / 200 12ms (r1)\n')
})
