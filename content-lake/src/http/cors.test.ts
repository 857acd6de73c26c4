import fs from 'node:fs'
import http from 'node:http'
import http2 from 'node:http2'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {startLakeProcess, temporaryDataDir, TEST_TOKEN, type LakeProcess} from '../../test/lake-process'
import {configFromEnv} from '../config'
import {ContentLake} from '../lake'
import {listenAll} from './secure-server'

// CORS as browsers meet it, against a real lake process: Studio's origin, wildcard entries,
// and origins that are not on the list.

const STUDIO = 'https://localhost:3333'
const EVIL = 'https://evil.example'

let lake: LakeProcess

beforeAll(async () => {
  lake = await startLakeProcess(undefined, {
    CONTENT_LAKE_CORS_ORIGINS: `${STUDIO},http://localhost:*,https://*.example.org`,
    CONTENT_LAKE_LISTEN_KEEPALIVE_MS: '200',
  })
  await lake.client().createOrReplace({_id: 'post-1', _type: 'post', title: 'Hello'})
})

afterAll(async () => {
  await lake?.stop()
})

const QUERY = '/v2025-02-19/data/query/production?query=count(*)'

function request(path: string, origin: string | null, init: RequestInit & {headers?: Record<string, string>} = {}) {
  return fetch(`${lake.url}${path}`, {...init, headers: {...(origin ? {origin} : {}), ...init.headers}})
}

function preflight(path: string, origin: string, method = 'POST', headers = 'authorization,content-type,x-sanity-app') {
  return request(path, origin, {
    method: 'OPTIONS',
    headers: {'access-control-request-method': method, 'access-control-request-headers': headers},
  })
}

function corsHeaders(response: Response) {
  return {
    origin: response.headers.get('access-control-allow-origin'),
    credentials: response.headers.get('access-control-allow-credentials'),
  }
}

describe('an allowed origin', () => {
  test('gets its preflight answered: 204, the origin, credentials, methods, the requested headers, max-age', async () => {
    const response = await preflight('/v2025-02-19/data/mutate/production', STUDIO)
    expect(response.status).toBe(204)
    expect(corsHeaders(response)).toEqual({origin: STUDIO, credentials: 'true'})
    expect(response.headers.get('access-control-allow-methods')).toMatch(/\bPOST\b.*\bPUT\b|\bPUT\b.*\bPOST\b/)
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization,content-type,x-sanity-app')
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0)
    expect(response.headers.get('vary')).toMatch(/\bOrigin\b/)
  })

  test('gets CORS headers on answers with credentials', async () => {
    const response = await request(QUERY, STUDIO, {headers: {authorization: `Bearer ${TEST_TOKEN}`}})
    expect(response.status).toBe(200)
    expect(corsHeaders(response)).toEqual({origin: STUDIO, credentials: 'true'})
    expect(response.headers.get('vary')).toMatch(/\bOrigin\b/)
  })

  test('gets CORS headers on errors, so that the browser lets Studio read them', async () => {
    const response = await request('/v2025-02-19/data/query/production?query=*[', STUDIO)
    expect(response.status).toBe(400)
    expect(corsHeaders(response)).toEqual({origin: STUDIO, credentials: 'true'})
    expect(await response.json()).toMatchObject({error: {type: 'queryParseError'}})
  })

  test('gets CORS headers on the listen event stream', async () => {
    const controller = new AbortController()
    const response = await request(`/v2025-02-19/data/listen/production?query=${encodeURIComponent('*[_type == "post"]')}`, STUDIO, {
      headers: {authorization: `Bearer ${TEST_TOKEN}`},
      signal: controller.signal,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(corsHeaders(response)).toEqual({origin: STUDIO, credentials: 'true'})
    const reader = response.body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('event: welcome')
    controller.abort()
  })

  test('a page served by the lake itself is allowed without being listed', async () => {
    const response = await request(QUERY, lake.url, {headers: {authorization: `Bearer ${TEST_TOKEN}`}})
    expect(response.status).toBe(200)
    expect(corsHeaders(response)).toEqual({origin: lake.url, credentials: 'true'})
  })
})

describe('the lake under its project hostname', () => {
  // What the App SDK inside Studio does: the page is the lake's own (`localhost:<port>`), and the
  // SDK calls `<projectId>.localhost:<port>`, which reaches the same lake. node:http sends the
  // Host header as given, as a browser names the host it resolved to this machine.
  function asHost(host: string, origin: string) {
    const {port} = new URL(lake.url)
    return new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .request(
          {
            host: '127.0.0.1',
            port,
            path: '/v2024-11-12/users/me',
            method: 'OPTIONS',
            headers: {host, origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization'},
          },
          (response) => {
            response.resume()
            resolve(response)
          },
        )
        .on('error', reject)
        .end()
    })
  }

  test('is answered for the lake’s own page, without being listed', async () => {
    const {host} = new URL(lake.url)
    const ownPage = `http://${host}`
    const response = await asHost(`local.${host}`, ownPage)
    expect(response.statusCode).toBe(204)
    expect(response.headers['access-control-allow-origin']).toBe(ownPage)
    expect(response.headers['access-control-allow-credentials']).toBe('true')
  })

  test('is no way in for another page: another port, another name before the host', async () => {
    const {host, port} = new URL(lake.url)
    for (const [requested, origin] of [
      [`local.${host}`, `http://127.0.0.1:${Number(port) + 1}`],
      [`evil.${host}`, `http://${host}`],
      [`local.${host}`, `http://local.local.${host}`],
    ]) {
      const response = await asHost(requested!, origin!)
      expect(response.statusCode, `${origin} → ${requested}`).toBe(403)
      expect(response.headers['access-control-allow-origin']).toBeUndefined()
    }
  })
})

describe('wildcard entries', () => {
  test.each([
    ['http://localhost:5173', true],
    ['http://localhost:3000', true],
    ['https://localhost:5173', false],
    ['https://studio.example.org', true],
    ['https://a.b.example.org', true],
    ['https://example.org', false],
    ['http://studio.example.org', false],
    ['https://studio.example.org.evil.example', false],
  ])('%s allowed: %s', async (origin, allowed) => {
    const response = await preflight(QUERY, origin, 'GET', 'authorization')
    expect(response.status).toBe(allowed ? 204 : 403)
    expect(response.headers.get('access-control-allow-origin')).toBe(allowed ? origin : null)
  })
})

describe('an origin not on the list', () => {
  test('has its preflight refused with Sanity’s 403 and no CORS headers', async () => {
    const response = await preflight('/v2025-02-19/data/mutate/production', EVIL)
    expect(response.status).toBe(403)
    expect(corsHeaders(response)).toEqual({origin: null, credentials: null})
    expect(await response.json()).toEqual({error: 'Forbidden', message: expect.stringContaining(EVIL), statusCode: 403})
  })

  test('is refused with 403 when it sends credentials, and nothing is written', async () => {
    const response = await request('/v2025-02-19/data/mutate/production', EVIL, {
      method: 'POST',
      headers: {authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json'},
      body: JSON.stringify({mutations: [{create: {_id: 'evil-1', _type: 'post'}}]}),
    })
    expect(response.status).toBe(403)
    expect(corsHeaders(response)).toEqual({origin: null, credentials: null})
    expect(await response.json()).toMatchObject({error: 'Forbidden', statusCode: 403})
    expect(await lake.client().getDocument('evil-1')).toBeUndefined()

    const withCookie = await request(QUERY, EVIL, {headers: {cookie: 'sanitySession=abc'}})
    expect(withCookie.status).toBe(403)
  })

  test('without credentials is answered, but with no CORS headers, so a browser hides the answer', async () => {
    const response = await request(QUERY, EVIL)
    expect(response.status).toBe(200)
    expect(corsHeaders(response)).toEqual({origin: null, credentials: null})
  })
})

test('/ping answers every origin without credentials, and lets it read the timings', async () => {
  for (const path of ['/ping', '/v2025-03-01/ping?tag=sanity.studio.protocol-check']) {
    const response = await request(path, EVIL)
    expect(response.status).toBe(200)
    expect(corsHeaders(response)).toEqual({origin: '*', credentials: null})
    expect(response.headers.get('timing-allow-origin')).toBe('*')
    expect(await response.text()).toBe('PONG')
  }
  const response = await preflight('/v2025-03-01/ping', EVIL, 'GET', 'authorization')
  expect(response.status).toBe(204)
  expect(corsHeaders(response)).toEqual({origin: '*', credentials: null})
})

test('requests without an Origin (servers, curl) get no CORS headers', async () => {
  const response = await request(QUERY, null)
  expect(response.status).toBe(200)
  expect(corsHeaders(response)).toEqual({origin: null, credentials: null})
})

test('over HTTP/2, as Studio talks to the HTTPS listener, the same rules hold', async () => {
  const secureLake = new ContentLake(
    configFromEnv({
      CONTENT_LAKE_PORT: '0',
      CONTENT_LAKE_HTTPS_PORT: '0',
      CONTENT_LAKE_DATA_DIR: temporaryDataDir(),
      CONTENT_LAKE_TOKEN: TEST_TOKEN,
      CONTENT_LAKE_CORS_ORIGINS: STUDIO,
    }),
  )
  secureLake.createDataset('production')
  const running = await listenAll(secureLake)
  const session = http2.connect(running.https!.url, {ca: fs.readFileSync(running.https!.caPath, 'utf8')})
  const h2 = (headers: http2.OutgoingHttpHeaders) =>
    new Promise<http2.IncomingHttpHeaders>((resolve, reject) => {
      const stream = session.request(headers)
      stream.on('response', (response) => {
        stream.resume()
        stream.on('end', () => resolve(response))
      })
      stream.on('error', reject)
      stream.end()
    })
  try {
    const allowed = await h2({
      ':method': 'OPTIONS',
      ':path': QUERY,
      origin: STUDIO,
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'authorization',
    })
    expect(allowed).toMatchObject({
      ':status': 204,
      'access-control-allow-origin': STUDIO,
      'access-control-allow-credentials': 'true',
      'access-control-allow-headers': 'authorization',
    })

    // Studio served by the HTTPS listener itself: an HTTP/2 request names its host in `:authority`.
    const sameOrigin = await h2({':path': QUERY, origin: running.https!.url, authorization: `Bearer ${TEST_TOKEN}`})
    expect(sameOrigin).toMatchObject({':status': 200, 'access-control-allow-origin': running.https!.url})

    const refused = await h2({':path': QUERY, origin: EVIL, authorization: `Bearer ${TEST_TOKEN}`})
    expect(refused[':status']).toBe(403)
    expect(refused['access-control-allow-origin']).toBeUndefined()
  } finally {
    session.close()
    await running.close()
    secureLake.close()
  }
})
