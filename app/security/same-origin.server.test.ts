import {expect, test} from 'vitest'
import {isSameOrigin} from './same-origin.server'

const site = 'https://blog.example'

test('a POST from the site itself passes', () => {
  expect(isSameOrigin({origin: site}, site)).toBe(true)
  expect(isSameOrigin({secFetchSite: 'same-origin'}, site)).toBe(true)
})

test('a POST from another site, or an opaque origin, is refused', () => {
  expect(isSameOrigin({origin: 'https://evil.example'}, site)).toBe(false)
  expect(isSameOrigin({origin: 'http://blog.example'}, site)).toBe(false)
  expect(isSameOrigin({origin: 'null'}, site)).toBe(false)
  expect(isSameOrigin({secFetchSite: 'cross-site'}, site)).toBe(false)
  expect(isSameOrigin({secFetchSite: 'same-site'}, site)).toBe(false)
})

test('a client that sends neither header (not a browser) is not a forgery risk', () => {
  expect(isSameOrigin({}, site)).toBe(true)
})
