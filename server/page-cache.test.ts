import {expect, test} from 'vitest'
import type {StoredPage} from './http-cache'
import {PageCache} from './page-cache'

const page = (text: string): StoredPage => ({status: 200, headers: [], body: new TextEncoder().encode(text), etag: `W/"${text}"`})

test('keeps nothing until the listen stream is live, and nothing while it is lost', () => {
  const cache = new PageCache()
  cache.set('a', page('a'), cache.begin())
  expect(cache.get('a')).toBeUndefined()
  cache.markLive()
  cache.set('a', page('a'), cache.begin())
  expect(cache.get('a')?.etag).toBe('W/"a"')
  cache.markLost()
  expect(cache.get('a')).toBeUndefined()
  cache.set('a', page('a'), cache.begin())
  expect(cache.size).toBe(0)
})

test('a change empties it, and a page rendered before the change is not stored after it', () => {
  const cache = new PageCache()
  cache.markLive()
  cache.set('a', page('a'), cache.begin())
  const renderingStarted = cache.begin()
  cache.clear()
  cache.set('b', page('b'), renderingStarted)
  expect(cache.get('a')).toBeUndefined()
  expect(cache.get('b')).toBeUndefined()
})

test('only anonymous reads have a key', () => {
  const cache = new PageCache()
  expect(cache.keyFor('GET', '/a/?q=1', undefined)).toBe('/a/?q=1')
  expect(cache.keyFor('HEAD', '/a/', null)).toBe('/a/')
  expect(cache.keyFor('GET', '/a/', 'theme=dark; __session=abc')).toBeNull()
  expect(cache.keyFor('GET', '/a/', 'not__session=abc')).toBe('/a/')
  expect(cache.keyFor('POST', '/a/', undefined)).toBeNull()
})

test('the least recently used pages go first when it is full', () => {
  const cache = new PageCache(1024 * 1024, 2)
  cache.markLive()
  cache.set('a', page('a'), cache.begin())
  cache.set('b', page('b'), cache.begin())
  cache.get('a')
  cache.set('c', page('c'), cache.begin())
  expect([cache.get('a'), cache.get('b'), cache.get('c')].map((hit) => hit?.etag)).toEqual(['W/"a"', undefined, 'W/"c"'])
})

test('for a moment after a change nothing is kept (a CDN may still answer from before it)', () => {
  let time = 1000
  const cache = new PageCache(1024 * 1024, 10, 3000, () => time)
  cache.markLive()
  cache.changed()
  cache.set('a', page('a'), cache.begin())
  expect(cache.get('a')).toBeUndefined()
  time += 3000
  cache.set('a', page('a'), cache.begin())
  expect(cache.get('a')?.etag).toBe('W/"a"')
})
