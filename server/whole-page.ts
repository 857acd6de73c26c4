/**
 * A rendered page as one piece. React hands a page to the stream in small pieces (about 2 KB
 * each), all made in the same turn once the loaders are done; sent on one by one, each piece
 * is another gzip call and socket write, which cost a page of 93 KB about 4 ms of the site's
 * CPU (decision 0248). Gathered first, it is compressed and written once. Other answers
 * (feeds, exports, Remix's data requests) keep streaming.
 */
export async function asWholePage(response: Response): Promise<Response> {
  if (!response.body || !response.headers.get('content-type')?.startsWith('text/html')) return response
  const {status, statusText, headers} = response
  return new Response(await response.arrayBuffer(), {status, statusText, headers})
}
