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

test('a change evicts only the pages that show what it touched; an untagged page goes on any change', () => {
  const cache = new PageCache(1024 * 1024, 10, 0)
  cache.markLive()
  cache.set('/a/', page('a'), cache.begin(), ['post:a', 'comments:a'])
  cache.set('/b/', page('b'), cache.begin(), ['post:b', 'comments:b'])
  cache.set('/', page('home'), cache.begin(), ['post-lists', 'post:a', 'post:b'])
  cache.set('/about/', page('about'), cache.begin())
  cache.changed(['comments:a'])
  expect(['/a/', '/b/', '/', '/about/'].map((key) => cache.get(key)?.etag)).toEqual([undefined, 'W/"b"', 'W/"home"', undefined])
  cache.changed(['post:b'])
  expect(['/b/', '/'].map((key) => cache.get(key))).toEqual([undefined, undefined])
  cache.set('/b/', page('b'), cache.begin(), ['post:b'])
  cache.changed('everything')
  expect(cache.size).toBe(0)
})

test('a page rendered before a change to what it shows is not stored after it; other pages are', () => {
  let time = 1000
  const cache = new PageCache(1024 * 1024, 10, 3000, () => time)
  cache.markLive()
  const started = cache.begin()
  cache.changed(['post:a'])
  time += 5000
  cache.set('/a/', page('a'), started, ['post:a'])
  cache.set('/b/', page('b'), started, ['post:b'])
  expect([cache.get('/a/'), cache.get('/b/')?.etag]).toEqual([undefined, 'W/"b"'])
  // Within the settling time only the pages the change touched wait.
  cache.changed(['post:a'])
  cache.set('/a/', page('a'), cache.begin(), ['post:a'])
  cache.set('/c/', page('c'), cache.begin(), ['post:c'])
  expect([cache.get('/a/'), cache.get('/c/')?.etag]).toEqual([undefined, 'W/"c"'])
})
