import {afterAll, beforeAll, beforeEach, expect, test, vi} from 'vitest'
import {freePort} from '../../tests/support/stack'
import {type AkismetStandIn, startAkismetStandIn} from '../../stand-ins/akismet/server'
import {EnvError, parseEnv} from '~/env.server'
import {
  type AkismetCommentParams,
  type AkismetSettings,
  AkismetUnavailableError,
  createAkismet,
  createAkismetClient,
  libraryComment,
  NO_KEY_REASON,
  startupAkismetCheck,
} from './akismet.server'

let standIn: AkismetStandIn
let settings: AkismetSettings

beforeAll(async () => {
  standIn = await startAkismetStandIn()
  settings = {
    AKISMET_KEY: 'local-dev-key',
    AKISMET_API_URL: standIn.url,
    AKISMET_TIMEOUT_MS: 400,
    NODE_ENV: 'production',
    SITE_URL: 'http://localhost:3000',
  }
})
afterAll(() => standIn.close())
beforeEach(() => standIn.reset())

const comment: AkismetCommentParams = {
  user_ip: '203.0.113.7',
  user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Chromium/140',
  referrer: 'http://localhost:3000/2013/07/25/hold-on/',
  permalink: 'http://localhost:3000/2013/07/25/hold-on/',
  comment_type: 'reply',
  comment_author: 'Dana Reader',
  comment_author_email: 'dana@example.com',
  comment_author_url: 'https://dana.example',
  comment_content: 'Thank you, this helped me understand the difference.',
  comment_date_gmt: '2026-11-27T09:00:00.000Z',
  comment_post_modified_gmt: '2013-07-25T12:00:00.000Z',
  honeypot_field_name: 'comment_url_confirm',
  honeypot_value: '',
}

test('an ordinary comment is ham, sent with every documented field, the site-wide ones and is_test', async () => {
  expect(await createAkismet(settings).checkComment(comment)).toEqual({verdict: 'ham'})
  const [call, ...more] = standIn.log()
  expect(more).toEqual([])
  expect(call!.endpoint).toBe('comment-check')
  expect(call!.params).toEqual({
    user_ip: '203.0.113.7',
    user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Chromium/140',
    referrer: 'http://localhost:3000/2013/07/25/hold-on/',
    permalink: 'http://localhost:3000/2013/07/25/hold-on/',
    comment_type: 'reply',
    comment_author: 'Dana Reader',
    comment_author_email: 'dana@example.com',
    comment_author_url: 'https://dana.example',
    comment_content: 'Thank you, this helped me understand the difference.',
    comment_date_gmt: '2026-11-27T09:00:00.000Z',
    comment_post_modified_gmt: '2013-07-25T12:00:00.000Z',
    honeypot_field_name: 'comment_url_confirm',
    comment_url_confirm: '',
    is_test: 'true',
    blog: 'http://localhost:3000',
    blog_lang: 'en',
    blog_charset: 'UTF-8',
  })
  expect(call!.isTest).toBe(true)
  expect(call!.userAgent).toMatch(/^LifeInBalance\/\d+\.\d+\.\d+ \| akismet-api\/6\.0\.0$/)
})

test('Akismet’s guaranteed-spam author and email are spam', async () => {
  const akismet = createAkismet(settings)
  expect(await akismet.checkComment({...comment, comment_author: 'akismet-guaranteed-spam'})).toEqual({verdict: 'spam'})
  expect(await akismet.checkComment({...comment, comment_author_email: 'akismet-guaranteed-spam@example.com'})).toEqual({verdict: 'spam'})
})

test('an administrator’s comment is never spam, even from the guaranteed-spam author', async () => {
  const check = await createAkismet(settings).checkComment({
    ...comment,
    comment_author: 'akismet-guaranteed-spam',
    user_role: 'administrator',
  })
  expect(check).toEqual({verdict: 'ham'})
  expect(standIn.log()[0]!.params.user_role).toBe('administrator')
})

test('a filled-in honeypot reaches Akismet as its field name and value, and is spam', async () => {
  const check = await createAkismet(settings).checkComment({...comment, honeypot_value: 'http://buy.example'})
  expect(check).toEqual({verdict: 'spam'})
  const {params} = standIn.log()[0]!
  expect(params.honeypot_field_name).toBe('comment_url_confirm')
  expect(params.comment_url_confirm).toBe('http://buy.example')
})

test('Akismet hanging: unchecked with the reason, after the adapter’s own timeout', async () => {
  standIn.next({hang: true})
  const started = performance.now()
  const check = await createAkismet(settings).checkComment(comment)
  const elapsed = performance.now() - started
  expect(check).toEqual({verdict: 'unchecked', reason: 'Akismet did not answer within 400 ms'})
  expect(elapsed).toBeGreaterThanOrEqual(390)
  expect(elapsed).toBeLessThan(2000)
})

test('Akismet down (503) or rate-limiting (429): unchecked with the reason', async () => {
  const akismet = createAkismet(settings)
  standIn.next({status: 503})
  expect(await akismet.checkComment(comment)).toEqual({verdict: 'unchecked', reason: 'Akismet answered HTTP 503'})
  standIn.next({status: 429, retryAfter: 30})
  expect(await akismet.checkComment(comment)).toEqual({
    verdict: 'unchecked',
    reason: "Akismet is limiting this site's calls (HTTP 429, retry after 30 s)",
  })
})

test('Akismet unreachable: unchecked with the reason', async () => {
  const closedPort = await freePort()
  const check = await createAkismet({...settings, AKISMET_API_URL: `http://127.0.0.1:${closedPort}`}).checkComment(comment)
  expect(check).toEqual({verdict: 'unchecked', reason: 'Akismet could not be reached (ECONNREFUSED)'})
})

test('a refused key or a refused call: unchecked with the reason', async () => {
  const akismet = createAkismet(settings)
  standIn.next({body: 'invalid', headers: {'X-akismet-debug-help': 'Invalid key'}})
  expect(await akismet.checkComment(comment)).toEqual({
    verdict: 'unchecked',
    reason: 'Akismet rejected the API key (AKISMET_KEY)',
  })
  const {user_ip: _, ...withoutAddress} = comment
  const check = await akismet.checkComment(withoutAddress as AkismetCommentParams)
  expect(check).toEqual({verdict: 'unchecked', reason: 'Akismet refused the call: Empty "user_ip" value'})
})

test('without a key nothing is sent and the comment is unchecked', async () => {
  const akismet = createAkismet({...settings, AKISMET_KEY: undefined})
  expect(await akismet.checkComment(comment)).toEqual({verdict: 'unchecked', reason: NO_KEY_REASON})
  await akismet.reportSpam(comment)
  expect(standIn.log()).toEqual([])
})

test('reports resend exactly the checked parameters, as submit-spam and submit-ham', async () => {
  const akismet = createAkismet(settings)
  await akismet.checkComment(comment)
  await akismet.reportSpam(comment)
  await akismet.reportHam(comment)
  const [check, spam, ham] = standIn.log()
  expect([check!.endpoint, spam!.endpoint, ham!.endpoint]).toEqual(['comment-check', 'submit-spam', 'submit-ham'])
  expect(spam!.params).toEqual(check!.params)
  expect(ham!.params).toEqual(check!.params)
  expect(spam!.answer).toMatchObject({body: 'Thanks for making the web a better place.'})
})

test('a report Akismet did not take throws, so the caller can retry it', async () => {
  const akismet = createAkismet(settings)
  standIn.next({status: 503})
  await expect(akismet.reportSpam(comment)).rejects.toThrow(new AkismetUnavailableError('Akismet answered HTTP 503'))
  // akismet-api resolves whatever the body says; the adapter reads it.
  standIn.next({body: 'invalid', headers: {'X-akismet-debug-help': 'Invalid key'}})
  await expect(akismet.reportHam(comment)).rejects.toThrow('Akismet refused the report: Invalid key')
  standIn.next({hang: true})
  await expect(akismet.reportHam(comment)).rejects.toThrow('Akismet did not answer within 400 ms')
})

test('the key is verified with the key itself (not keyless)', async () => {
  expect(await createAkismet(settings).verifyKey()).toEqual({status: 'valid'})
  expect(await createAkismet({...settings, AKISMET_KEY: 'not-a-key'}).verifyKey()).toEqual({status: 'invalid'})
  expect(standIn.log().map((entry) => [entry.endpoint, entry.keySource, entry.key])).toEqual([
    ['verify-key', 'param', 'local-dev-key'],
    ['verify-key', 'param', 'not-a-key'],
  ])
})

const publicSite = {NODE_ENV: 'production', SITE_URL: 'https://blog.example'} as const

test('a stand-in address on a public site is refused, and no comment passes unchecked', async () => {
  const onPublic = {...settings, ...publicSite}
  expect(() => createAkismetClient(onPublic)).toThrow(EnvError)
  expect(() => createAkismetClient(onPublic)).toThrow(/AKISMET_API_URL .* public site/)
  const check = await createAkismet(onPublic).checkComment(comment)
  expect(check).toMatchObject({verdict: 'unchecked', reason: expect.stringMatching(/local stand-in/)})
  expect(() => startupAkismetCheck(onPublic, () => {})).toThrow(EnvError)
  expect(standIn.log()).toEqual([])
})

test('at start: loud on a public site without a key, quiet with a valid key', async () => {
  const warn = vi.fn()
  await startupAkismetCheck(
    {...settings, ...publicSite, AKISMET_KEY: undefined, AKISMET_API_URL: 'https://rest.akismet.com', COMMENT_WEBHOOK_SECRET: 'a-long-webhook-secret'},
    warn,
  )
  expect(warn).toHaveBeenCalledOnce()
  expect(warn.mock.calls[0]![0]).toMatch(/SPAM CHECKING IS OFF: AKISMET_KEY is not set/)

  warn.mockClear()
  await startupAkismetCheck({...settings, AKISMET_KEY: 'not-a-key'}, warn)
  expect(warn.mock.calls[0]![0]).toMatch(/SPAM CHECKING IS OFF: Akismet refuses AKISMET_KEY/)

  warn.mockClear()
  await startupAkismetCheck(settings, warn)
  expect(warn).not.toHaveBeenCalled()
})

test('at start on a public site: says when moderators’ decisions cannot reach Akismet (no webhook secret)', async () => {
  const onPublic = {...settings, ...publicSite, AKISMET_KEY: undefined, AKISMET_API_URL: 'https://rest.akismet.com'}
  const warn = vi.fn()
  await startupAkismetCheck(onPublic, warn)
  expect(warn.mock.calls.map(([message]) => String(message)).filter((m) => m.includes('COMMENT_WEBHOOK_SECRET'))).toHaveLength(1)
  warn.mockClear()
  await startupAkismetCheck({...onPublic, COMMENT_WEBHOOK_SECRET: 'a-long-webhook-secret'}, warn)
  expect(warn.mock.calls.map(([message]) => String(message)).filter((m) => m.includes('COMMENT_WEBHOOK_SECRET'))).toHaveLength(0)
})

test('with a real key and address, the calls go to Akismet’s own host names, key in the host name', () => {
  const client = createAkismetClient({...settings, ...publicSite, AKISMET_KEY: 'abc123def456', AKISMET_API_URL: 'https://rest.akismet.com'})
  expect(client).toMatchObject({
    rootEndpoint: 'https://rest.akismet.com/1.1/',
    endpoint: 'https://abc123def456.rest.akismet.com/1.1/',
    userAgent: expect.stringMatching(/^LifeInBalance\/\S+ \| akismet-api\/6\.0\.0$/),
  })
  // A stand-in on loopback takes the spam calls at its root instead.
  expect(createAkismetClient(settings)).toMatchObject({endpoint: `${standIn.url}/1.1/`})
})

test('a public site’s calls train Akismet (no is_test); the honeypot travels as name and field', () => {
  expect(libraryComment(comment, false)).not.toHaveProperty('is_test')
  expect(libraryComment(comment, true)).toMatchObject({is_test: true})
  expect(libraryComment({...comment, honeypot_value: 'x'}, false)).toMatchObject({
    honeypot_field_name: 'comment_url_confirm',
    comment_url_confirm: 'x',
  })
  expect(libraryComment(comment, false)).not.toHaveProperty('honeypot_value')
})

test('the settings: defaults, and bad values named', () => {
  expect(parseEnv({})).toMatchObject({AKISMET_API_URL: 'https://rest.akismet.com', AKISMET_TIMEOUT_MS: 4000})
  expect(parseEnv({}).AKISMET_KEY).toBeUndefined()
  const bad = {AKISMET_TIMEOUT_MS: 'soon', AKISMET_API_URL: 'ftp://x', AKISMET_KEY: 'a key', COMMENT_WEBHOOK_SECRET: 'short'}
  for (const name of ['AKISMET_KEY', 'AKISMET_API_URL', 'AKISMET_TIMEOUT_MS', 'COMMENT_WEBHOOK_SECRET']) {
    expect(() => parseEnv(bad)).toThrow(name)
  }
  expect(() => createAkismetClient({...settings, AKISMET_API_URL: 'https://rest.akismet.com/1.1/'})).toThrow(/origin only/)
})
