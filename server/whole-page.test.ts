import {expect, test} from 'vitest'
import {asWholePage} from './whole-page'

/** A body streamed in `count` pieces, as React streams a page. */
function inPieces(text: string, count: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  const size = Math.ceil(bytes.byteLength / count)
  let at = 0
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.byteLength) return controller.close()
      controller.enqueue(bytes.slice(at, at + size))
      at += size
    },
  })
}

async function piecesOf(body: ReadableStream<Uint8Array> | null): Promise<string[]> {
  const pieces: string[] = []
  const decoder = new TextDecoder()
  const reader = body?.getReader()
  for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) pieces.push(decoder.decode(read.value))
  return pieces
}

const PAGE = `<!DOCTYPE html><html><body>${'<p>Grief is not a problem to solve.</p>'.repeat(500)}</body></html>`

test('a rendered page is sent as one piece, with its status and headers', async () => {
  const headers = {'content-type': 'text/html', 'content-security-policy': "script-src 'nonce-abc'"}
  const whole = await asWholePage(new Response(inPieces(PAGE, 50), {status: 404, statusText: 'Not Found', headers}))
  expect([whole.status, whole.statusText, Object.fromEntries(whole.headers)]).toEqual([404, 'Not Found', headers])
  expect(await piecesOf(whole.body)).toEqual([PAGE])
})

test('anything but a page keeps streaming piece by piece', async () => {
  const feed = await asWholePage(new Response(inPieces(PAGE, 5), {headers: {'content-type': 'application/rss+xml'}}))
  expect(await piecesOf(feed.body)).toHaveLength(5)
})
