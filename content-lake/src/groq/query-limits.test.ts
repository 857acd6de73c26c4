import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {startLakeProcess, type LakeProcess} from '../../test/lake-process'

// Queries from anyone are bounded in size, nesting and time, and run off the lake's event
// loop: a real lake process over HTTP, with the real client.

/** `count(*[count(*[… true …]) > 0])`: each level multiplies the work by the number of documents. */
function nestedCounts(depth: number): string {
  let query = 'true'
  for (let level = 0; level < depth; level++) query = `count(*[${query}]) > 0`
  return query
}

/** The error a listener gets, or "opened" when its stream opens instead. */
function listenError(client: SanityClient, query: string): Promise<unknown> {
  return new Promise((resolve) => {
    const subscription = client.listen(query, {}, {events: ['welcome']}).subscribe({
      next: () => {
        subscription.unsubscribe()
        resolve('opened')
      },
      error: (error: unknown) => {
        subscription.unsubscribe()
        resolve(error)
      },
    })
  })
}

describe('size and cost', () => {
  let lake: LakeProcess

  beforeAll(async () => {
    lake = await startLakeProcess(undefined, {CONTENT_LAKE_QUERY_MAX_BYTES: String(12 * 1024)})
  })

  afterAll(async () => {
    await lake?.stop()
  })

  // Over the limit, yet short enough for a URL that Node accepts (16 KB of headers).
  const longQuery = `*[title == "${'x'.repeat(12_500)}"]`

  test('a query over the size limit is a 413 in Sanity’s typed error shape, by GET and by POST', async () => {
    const response = await fetch(`${lake.url}/v2025-02-19/data/query/production?query=${encodeURIComponent(longQuery)}`)
    expect(response.status).toBe(413)
    expect(await response.json()).toEqual({
      error: {type: 'queryTooLargeError', description: expect.stringContaining('at most 12288 bytes')},
    })
    // The client sends a query this long as a POST.
    const error = await lake
      .client({token: null})
      .fetch(longQuery)
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({statusCode: 413, details: {type: 'queryTooLargeError'}})
  })

  test('a listener’s query over the size limit gets a channelError', async () => {
    expect(String(await listenError(lake.client({token: null}), longQuery))).toContain('at most 12288 bytes')
  })

  test('a query nested too deeply is refused before it runs', async () => {
    const started = performance.now()
    const error = await lake
      .client({token: null})
      .fetch(`*[${nestedCounts(14)}]`)
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({statusCode: 400, details: {type: 'queryTooComplexError'}})
    expect(String(error)).toContain('levels deep')
    expect(performance.now() - started).toBeLessThan(1_000)
  })

  test('a query of too many syntax nodes is refused', async () => {
    const error = await lake
      .client()
      .fetch(`[${'@,'.repeat(5_000)}@]`)
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({statusCode: 400, details: {type: 'queryTooComplexError'}})
    expect(String(error)).toContain('syntax nodes')
  })

  test('a listener’s filter may not iterate within an iteration, which every write would pay for', async () => {
    const error = await listenError(lake.client({token: null}), '*[count(items[count(items[x == ^.x]) > 1]) > 0]')
    expect(String(error)).toContain('levels deep')
    // One level (over the document's arrays, or `*`) is fine: the stream opens.
    const welcome = await new Promise((resolve, reject) => {
      const subscription = lake
        .client({token: null})
        .listen('*[_type == "post" && count(items[x > 1]) > 0]', {}, {events: ['welcome']})
        .subscribe({
          next: (event) => {
            subscription.unsubscribe()
            resolve(event.type)
          },
          error: reject,
        })
    })
    expect(welcome).toBe('welcome')
  })
})

describe('time budget and workers', () => {
  const BUDGET_MS = 1_000
  const MARGIN_MS = 1_500
  let lake: LakeProcess

  beforeAll(async () => {
    lake = await startLakeProcess(undefined, {
      CONTENT_LAKE_QUERY_TIMEOUT_MS: String(BUDGET_MS),
      CONTENT_LAKE_QUERY_WORKERS: '2',
      CONTENT_LAKE_QUERY_QUEUE: '2',
    })
    const transaction = lake.client().transaction()
    for (let index = 0; index < 20; index++) transaction.create({_id: `doc-${index}`, _type: 'thing', index})
    await transaction.commit()
    // Workers start with the first query.
    expect(await lake.client().fetch('count(*[_type == "thing"])')).toBe(20)
  })

  afterAll(async () => {
    await lake?.stop()
  })

  /** An anonymous query that would run for minutes: 20 documents, seven levels deep. */
  async function abusive(): Promise<{status: number; body: {error?: {type?: string}}; ms: number; retryAfter: string | null}> {
    const started = performance.now()
    const response = await fetch(`${lake.url}/v2025-02-19/data/query/production?query=${encodeURIComponent(`*[${nestedCounts(7)}]._id`)}`)
    return {
      status: response.status,
      body: (await response.json()) as {error?: {type?: string}},
      ms: performance.now() - started,
      retryAfter: response.headers.get('retry-after'),
    }
  }

  async function timed<T>(work: () => Promise<T>): Promise<{value: T; ms: number}> {
    const started = performance.now()
    const value = await work()
    return {value, ms: performance.now() - started}
  }

  test('while abusive queries run, the lake answers pings, the site’s queries and writes at once; each abusive one gets an error within its budget', async () => {
    const attacks = Array.from({length: 4}, abusive)
    await new Promise((resolve) => setTimeout(resolve, 150))

    const ping = await timed(() => fetch(`${lake.url}/v2025-02-19/ping`))
    expect(ping.value.status).toBe(200)
    expect(ping.ms).toBeLessThan(250)
    // A token holder (the site's server, Studio) always finds a worker.
    const site = await timed(() => lake.client().fetch('*[_id == "doc-3"][0].index'))
    expect(site.value).toBe(3)
    expect(site.ms).toBeLessThan(500)
    const write = await timed(() => lake.client().create({_id: 'written-during-attack', _type: 'thing', index: 99}))
    expect(write.ms).toBeLessThan(500)

    const answers = await Promise.all(attacks)
    for (const answer of answers) {
      expect(answer.ms).toBeLessThan(BUDGET_MS + MARGIN_MS)
      // Stopped when its budget ran out (422), or never got a worker within it (503, to retry).
      expect([422, 503]).toContain(answer.status)
    }
    expect(answers.some((answer) => answer.status === 422 && answer.body.error?.type === 'queryTimeoutError')).toBe(true)
  })

  test('a stopped query’s worker is replaced: both workers serve again, and read every acknowledged write', async () => {
    await Promise.all([abusive(), abusive()])
    await lake.client().create({_id: 'written-after-attack', _type: 'thing', index: 100})
    const bothWorkers = () =>
      Promise.all([lake.client().fetch('*[_id == "written-after-attack"][0].index'), lake.client({token: null}).fetch('count(*[_type == "thing"])')]).catch(
        (error: unknown) => String(error),
      )
    // A replacement takes a moment to start; a worker left running abandoned work would be busy for minutes.
    await expect.poll(bothWorkers, {timeout: 5_000, interval: 100}).toEqual([100, 22])
  })

  test('when the queue in front of the workers is full, the answer is an immediate 503 with Retry-After', async () => {
    // One worker for anonymous callers, two may wait: the fourth is turned away at once.
    const answers = await Promise.all(Array.from({length: 4}, abusive))
    const refused = answers.filter((answer) => answer.status === 503 && answer.body.error?.type === 'queryQueueFullError')
    expect(refused.length).toBeGreaterThan(0)
    expect(Math.min(...refused.map((answer) => answer.ms))).toBeLessThan(250)
    expect(refused.every((answer) => answer.retryAfter === '1')).toBe(true)
  })
})
