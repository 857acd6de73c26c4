import {expect, test} from 'vitest'
import {answerFromStore, applyCachePolicy, PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL} from './http-cache'

/** Stands for the app's script-nonce key. */
const NONCE_KEY = Buffer.alloc(32, 7)

const html = (status = 200, headers: Record<string, string> = {}) => new Response('<p>page</p>', {status, headers: {'content-type': 'text/html', ...headers}})

test('an anonymous 200 is public with an ETag, and is handed back for the page cache', async () => {
  const {response, stored} = await applyCachePolicy(new Request('http://x/'), html(), NONCE_KEY)
  expect(response.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL)
  expect(response.headers.get('vary')).toBe('Cookie')
  expect(response.headers.get('etag')).toMatch(/^W\/"[\w-]{27}"$/)
  expect(await response.text()).toBe('<p>page</p>')
  expect(stored?.etag).toBe(response.headers.get('etag'))

  const revalidate = new Request('http://x/', {headers: {'if-none-match': `"other", ${stored!.etag.slice(2)}`}})
  const notModified = answerFromStore(revalidate, stored!)
  expect(notModified.status).toBe(304)
  expect(notModified.headers.get('etag')).toBe(stored!.etag)
  expect(await notModified.text()).toBe('')
})

test('a public page renders to the same bytes every time: its nonce comes from its content, so its ETag holds', async () => {
  const render = (nonce: string, text = 'page') =>
    new Response(`<p>${text}</p><script nonce="${nonce}">hydrate()</script>`, {
      headers: {'content-type': 'text/html', 'content-security-policy': `script-src 'self' 'nonce-${nonce}'`},
    })
  const first = await applyCachePolicy(new Request('http://x/'), render('Rm9yVGhlRmlyc3RSZW5kZXI='), NONCE_KEY)
  const second = await applyCachePolicy(new Request('http://x/'), render('QW5vdGhlclJhbmRvbU9uZT09'), NONCE_KEY)
  expect(second.stored!.etag).toBe(first.stored!.etag)
  const policy = first.response.headers.get('content-security-policy')!
  const nonce = /'nonce-([^']+)'/.exec(policy)![1]!
  expect(nonce).not.toBe('Rm9yVGhlRmlyc3RSZW5kZXI=')
  expect(await first.response.text()).toBe(`<p>page</p><script nonce="${nonce}">hydrate()</script>`)
  expect(second.response.headers.get('content-security-policy')).toBe(policy)
  // Anything else on the page, and the nonce is another.
  const other = await applyCachePolicy(new Request('http://x/'), render('Rm9yVGhlRmlyc3RSZW5kZXI=', '<script nonce="x">evil()</script>'), NONCE_KEY)
  expect(other.response.headers.get('content-security-policy')).not.toBe(policy)
})

test('a session, or a page that sets a cookie, makes it private and uncached', async () => {
  const withSession = await applyCachePolicy(new Request('http://x/', {headers: {cookie: '__session=s'}}), html(), NONCE_KEY)
  expect(withSession.response.headers.get('cache-control')).toBe(PRIVATE_CACHE_CONTROL)
  expect(withSession.stored).toBeUndefined()
  const settingCookie = await applyCachePolicy(new Request('http://x/'), html(200, {'set-cookie': '__session=new'}), NONCE_KEY)
  expect(settingCookie.response.headers.get('cache-control')).toBe(PRIVATE_CACHE_CONTROL)
  expect(settingCookie.response.headers.get('etag')).toBeNull()
})

test('a route’s own Cache-Control stands; posts are never cached; 503 says when to retry', async () => {
  const own = await applyCachePolicy(new Request('http://x/preview/t/'), html(200, {'cache-control': 'no-store'}), NONCE_KEY)
  expect(own.response.headers.get('cache-control')).toBe('no-store')
  expect(own.stored).toBeUndefined()
  const post = await applyCachePolicy(new Request('http://x/', {method: 'POST'}), html(), NONCE_KEY)
  expect(post.response.headers.get('cache-control')).toBeNull()
  const down = await applyCachePolicy(new Request('http://x/'), html(503), NONCE_KEY)
  expect(down.response.headers.get('cache-control')).toBe('no-store')
  expect(down.response.headers.get('retry-after')).toBe('30')
})
