import http from 'node:http'
import {AkismetClient} from 'akismet-api'
import {afterAll, beforeAll, beforeEach, expect, test} from 'vitest'
import {type AkismetStandIn, isLoopbackAddress, resolveKey, startAkismetStandIn} from './server'

/** The stand-in as the real akismet-api 6 client and a raw HTTP client see it. */

let standIn: AkismetStandIn
beforeAll(async () => {
  standIn = await startAkismetStandIn()
})
afterAll(() => standIn.close())
beforeEach(() => standIn.reset())

/** akismet-api pointed at the stand-in: keyless spam calls, as the site's adapter makes them. */
function client(key = 'local-dev-key'): AkismetClient {
  const akismet = new AkismetClient({key, blog: 'http://localhost:3000', host: new URL(standIn.url).host, protocol: 'http'})
  const endpoints = akismet as unknown as {endpoint: string; rootEndpoint: string}
  endpoints.endpoint = endpoints.rootEndpoint
  return akismet
}

/** A raw call, with any Host header (akismet-api 6's key-in-the-host-name scheme). */
function call(
  path: string,
  params: Record<string, string>,
  {method = 'POST', host}: {method?: string; host?: string} = {},
): Promise<{status: number; body: string; headers: http.IncomingHttpHeaders}> {
  const form = new URLSearchParams(params).toString()
  const url = new URL(method === 'GET' ? `${path}?${form}` : path, standIn.url)
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method,
        headers: {
          ...(host ? {Host: host} : {}),
          ...(method === 'GET' ? {} : {'Content-Type': 'application/x-www-form-urlencoded'}),
        },
      },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (body += chunk))
        response.on('end', () => resolve({status: response.statusCode!, body, headers: response.headers}))
      },
    )
    request.on('error', reject)
    request.end(method === 'GET' ? undefined : form)
  })
}

const comment = {user_ip: '198.51.100.4', user_agent: 'Mozilla/5.0', comment_author: 'Sam', comment_content: 'Helpful post.'}

test('verify-key: valid for a configured key, invalid with a debug hint otherwise', async () => {
  expect(await client().verifyKey()).toBe(true)
  expect(await client('wrong-key').verifyKey()).toBe(false)
  const refused = await call('/1.1/verify-key', {api_key: 'wrong-key', blog: 'http://localhost:3000'})
  expect(refused).toMatchObject({status: 200, body: 'invalid', headers: {'x-akismet-debug-help': 'Invalid key'}})
  expect(refused.headers['content-type']).toBe('text/plain; charset=utf-8')
})

test('comment-check: Akismet’s documented test values, plain text answers with a guid', async () => {
  const akismet = client()
  expect(await akismet.checkSpam(comment)).toBe(false)
  expect(await akismet.checkSpam({...comment, comment_author: 'akismet-guaranteed-spam'})).toBe(true)
  expect(await akismet.checkSpam({...comment, comment_author: 'viagra-test-123'})).toBe(true)
  expect(await akismet.checkSpam({...comment, comment_author_email: 'akismet-guaranteed-spam@example.com'})).toBe(true)
  expect(await akismet.checkSpam({...comment, comment_author: 'akismet-guaranteed-spam', user_role: 'administrator'})).toBe(false)
  const answers = standIn.log().map((entry) => entry.answer)
  const guids = answers.map((answer) => (answer === 'hang' ? undefined : answer.headers['X-akismet-guid']))
  expect(new Set(guids).size).toBe(5)
  for (const guid of guids) expect(guid).toMatch(/^[0-9a-f-]{36}$/)
})

test('comment-check: a filled honeypot and the discard marker are blatant spam; the recheck marker is provisional ham', async () => {
  const honeypot = await call('/1.1/comment-check', {...comment, blog: 'b', honeypot_field_name: 'hp', hp: 'x'})
  expect(honeypot).toMatchObject({body: 'true', headers: {'x-akismet-pro-tip': 'discard'}})
  const emptyHoneypot = await call('/1.1/comment-check', {...comment, blog: 'b', honeypot_field_name: 'hp', hp: ''})
  expect(emptyHoneypot.body).toBe('false')
  expect(emptyHoneypot.headers['x-akismet-pro-tip']).toBeUndefined()
  const discard = await call('/1.1/comment-check', {...comment, blog: 'b', comment_content: 'akismet-standin-discard'})
  expect(discard).toMatchObject({body: 'true', headers: {'x-akismet-pro-tip': 'discard'}})
  const recheck = await call('/1.1/comment-check', {...comment, blog: 'b', comment_content: 'akismet-standin-recheck'})
  expect(recheck).toMatchObject({body: 'false', headers: {'x-akismet-recheck-after': '120'}})
  // akismet-api reads honeypot spam as plain spam: it cannot see the pro-tip.
  expect(await client().checkSpam({...comment, honeypot: 'filled'})).toBe(true)
})

test('missing user_ip or blog: an error body with a debug hint, which akismet-api raises', async () => {
  const {user_ip: _, ...withoutAddress} = comment
  await expect(client().checkSpam(withoutAddress as typeof comment)).rejects.toThrow('Empty "user_ip" value')
  const noBlog = await call('/1.1/comment-check', comment)
  expect(noBlog).toMatchObject({status: 200, body: 'Missing required field: blog.', headers: {'x-akismet-debug-help': 'Empty "blog" value'}})
})

test('keys: from api_key, key or the host name; unknown ones refused; keyless accepted unless strict', async () => {
  expect(resolveKey({api_key: 'a', key: 'b'}, 'c.rest.akismet.com')).toEqual({source: 'param', key: 'a'})
  expect(resolveKey({}, 'local-dev-key.rest.akismet.com')).toEqual({source: 'subdomain', key: 'local-dev-key'})
  expect(resolveKey({}, 'local-dev-key.127.0.0.1:8787')).toEqual({source: 'subdomain', key: 'local-dev-key'})
  expect(resolveKey({}, '127.0.0.1:8787')).toEqual({source: 'none'})
  expect(resolveKey({}, 'rest.akismet.com')).toEqual({source: 'none'})

  const params = {...comment, blog: 'http://localhost:3000'}
  expect((await call('/1.1/comment-check', params, {host: 'local-dev-key.rest.akismet.com'})).body).toBe('false')
  const wrong = await call('/1.1/comment-check', params, {host: 'stolen.rest.akismet.com'})
  expect(wrong).toMatchObject({body: 'invalid', headers: {'x-akismet-debug-help': 'Invalid key'}})
  expect((await call('/1.1/comment-check', params)).body).toBe('false')
  expect(standIn.log().map((entry) => entry.keySource)).toEqual(['subdomain', 'subdomain', 'none'])

  // Keyless calls are a loopback convenience: from another machine they need a key.
  expect([isLoopbackAddress('127.0.0.1'), isLoopbackAddress('::1'), isLoopbackAddress('::ffff:127.0.0.1')]).toEqual([true, true, true])
  expect([isLoopbackAddress('192.168.1.9'), isLoopbackAddress('::ffff:10.0.0.2'), isLoopbackAddress(undefined)]).toEqual([false, false, false])

  const strict = await startAkismetStandIn({strict: true, keys: ['k1']})
  try {
    const keyless = await call(new URL('/1.1/comment-check', strict.url).href, params)
    expect(keyless).toMatchObject({body: 'invalid', headers: {'x-akismet-debug-help': 'Empty "api_key" value'}})
    expect((await call(new URL('/1.1/comment-check', strict.url).href, {...params, api_key: 'k1'})).body).toBe('false')
  } finally {
    await strict.close()
  }
})

test('submit-spam and submit-ham: thanked, and recorded with every parameter as sent', async () => {
  const akismet = client()
  await akismet.submitSpam({...comment, is_test: true})
  await akismet.submitHam({...comment, honeypot: 'x'})
  const [spam, ham] = standIn.log()
  expect(spam).toMatchObject({
    endpoint: 'submit-spam',
    version: '1.1',
    isTest: true,
    keySource: 'none',
    params: {...comment, is_test: 'true', blog: 'http://localhost:3000'},
    answer: {status: 200, body: 'Thanks for making the web a better place.'},
  })
  expect(spam!.userAgent).toMatch(/akismet-api\/6\.0\.0/i)
  expect(ham).toMatchObject({
    endpoint: 'submit-ham',
    isTest: false,
    params: {honeypot_field_name: 'akismet_api_honeypot_field', akismet_api_honeypot_field: 'x'},
  })
})

test('1.2 usage-limit and key-sites report what was sent this month', async () => {
  const akismet = client()
  await akismet.checkSpam(comment)
  await akismet.checkSpam({...comment, comment_author: 'akismet-guaranteed-spam'})
  await akismet.submitSpam(comment)
  await akismet.submitHam(comment)
  const usage = await call('/1.2/usage-limit', {api_key: 'local-dev-key'}, {method: 'GET'})
  expect(usage.headers['content-type']).toBe('application/json; charset=utf-8')
  expect(JSON.parse(usage.body)).toEqual({limit: 'none', usage: 2, percentage: '0.00', throttled: false})

  const month = new Date().toISOString().slice(0, 7)
  const sites = await call('/1.2/key-sites', {api_key: 'local-dev-key', month})
  expect(JSON.parse(sites.body)).toEqual({
    [month]: [{site: 'http://localhost:3000', api_calls: 2, spam: 1, ham: 1, missed_spam: 1, false_positives: 1, is_revoked: false}],
    limit: 500,
    offset: 0,
    total: 1,
  })
  const csv = await call('/1.2/key-sites', {api_key: 'local-dev-key', format: 'csv'}, {method: 'GET'})
  expect(csv.body).toBe('Site,Total API Calls,Spam,Ham,Missed Spam,False Positives,Is Revoked\n"http://localhost:3000",2,1,1,1,1,false\n')
  expect((await call('/1.2/usage-limit', {}, {method: 'GET'})).body).toBe('invalid')
})

test('admin: queued canned answers (outage, rate limit, suspended key, hang), the log as JSON, reset', async () => {
  const admin = (path: string, body?: unknown) =>
    fetch(new URL(path, standIn.url), {method: body === undefined && path.endsWith('log') ? 'GET' : 'POST', body: JSON.stringify(body ?? {})})
  await admin('/__standin/next', {status: 503})
  await admin('/__standin/next', {status: 429, retryAfter: 30})
  await admin('/__standin/next', {endpoint: 'comment-check', body: 'false', headers: {'X-akismet-error': 'suspended', 'X-akismet-alert-code': '10402'}})
  const akismet = client()
  await expect(akismet.checkSpam(comment)).rejects.toMatchObject({status: 503})
  await expect(akismet.submitSpam(comment)).rejects.toMatchObject({status: 429, response: {headers: {'retry-after': '30'}}})
  // The library's known gap: a suspended key reads as "not spam".
  expect(await akismet.checkSpam({...comment, comment_author: 'akismet-guaranteed-spam'})).toBe(false)
  expect(await akismet.checkSpam({...comment, comment_author: 'akismet-guaranteed-spam'})).toBe(true)

  await admin('/__standin/next', {hang: true})
  const hanging = client().checkSpam(comment)
  let settled = false
  void hanging.then(
    () => (settled = true),
    () => (settled = true),
  )
  await new Promise((resolve) => setTimeout(resolve, 300))
  expect(settled).toBe(false)

  const log = (await (await fetch(new URL('/__standin/log', standIn.url))).json()) as Array<{endpoint: string; answer: unknown}>
  expect(log.map((entry) => entry.endpoint)).toEqual(['comment-check', 'submit-spam', 'comment-check', 'comment-check', 'comment-check'])
  expect(log.at(-1)!.answer).toBe('hang')
  expect(await (await admin('/__standin/reset')).json()).toEqual({ok: true})
  expect(standIn.log()).toEqual([])
  // Reset lets go of the hung call too: its client sees the connection end.
  await expect(hanging).rejects.toThrow()
  expect((await fetch(new URL('/__standin/next', standIn.url), {method: 'POST', body: 'nope'})).status).toBe(400)
})

test('unknown paths are 404 and wrong methods 405, in plain text', async () => {
  const missing = await call('/1.1/nothing-here', {})
  expect(missing).toMatchObject({status: 404, body: 'Not found'})
  const wrongMethod = await call('/1.1/comment-check', comment, {method: 'GET'})
  expect(wrongMethod).toMatchObject({status: 405, headers: {allow: 'POST'}})
})
