import type {MutationEvent, SanityClient} from '@sanity/client'
import {applyPatch} from 'mendoza'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {startLakeProcess, TEST_TOKEN, type LakeProcess} from '../../test/lake-process'

let lake: LakeProcess
let writer: SanityClient

beforeAll(async () => {
  lake = await startLakeProcess(undefined, {CONTENT_LAKE_LISTEN_KEEPALIVE_MS: '200'})
  writer = lake.client()
})

afterAll(async () => {
  await lake?.stop()
})

/** Subscribes with the real client and collects mutation events until `count` have arrived. */
async function collect(
  client: SanityClient,
  query: string,
  params: Record<string, unknown>,
  options: Record<string, unknown>,
  act: () => Promise<unknown>,
  count: number,
): Promise<MutationEvent[]> {
  const events: MutationEvent[] = []
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.unsubscribe()
      reject(new Error(`Only ${events.length} of ${count} events arrived`))
    }, 5_000)
    const subscription = client.listen(query, params, {...options, events: ['welcome', 'mutation']} as never).subscribe({
      next: (event: {type: string}) => {
        if (event.type === 'welcome') void act().catch(reject)
        else events.push(event as MutationEvent)
        if (events.length === count) {
          clearTimeout(timer)
          subscription.unsubscribe()
          resolve(events)
        }
      },
      error: reject,
    })
  })
}

test('appear, update and disappear follow the filter, not just create and delete', async () => {
  const events = await collect(
    writer,
    '*[_type == "post" && status == $status]',
    {status: 'live'},
    {includeResult: true, includePreviousRevision: true},
    async () => {
      await writer.create({_id: 'l-1', _type: 'post', status: 'draft'}) // not matched: no event
      await writer.patch('l-1').set({status: 'live'}).commit() // appear
      await writer.patch('l-1').set({title: 'Hello'}).commit() // update
      await writer.patch('l-1').set({status: 'archived'}).commit() // disappear
    },
    3,
  )
  expect(events.map((e) => e.transition)).toEqual(['appear', 'update', 'disappear'])
  const update = events[1]!
  expect(update).toMatchObject({
    documentId: 'l-1',
    result: {_id: 'l-1', title: 'Hello', status: 'live'},
    previous: {_id: 'l-1', status: 'live'},
    identity: expect.any(String),
    mutations: [{patch: expect.objectContaining({id: 'l-1'})}],
  })
  expect(update.previousRev).toBe(events[0]!.resultRev)
  expect(update.eventId).toBe(`${update.transactionId}#l-1`)
})

test('one transaction carries one event per matching document, numbered', async () => {
  const events = await collect(
    writer,
    '*[_type == "pair"]',
    {},
    {},
    async () => {
      await writer.transaction().create({_id: 'p-1', _type: 'pair'}).create({_id: 'p-2', _type: 'pair'}).create({_id: 'p-3', _type: 'other'}).commit()
    },
    2,
  )
  expect(new Set(events.map((e) => e.transactionId)).size).toBe(1)
  expect(events.map((e) => [e.documentId, e.transactionCurrentEvent, e.transactionTotalEvents])).toEqual([
    ['p-1', 1, 2],
    ['p-2', 2, 2],
  ])
})

test('mendoza effects turn the previous document into the result and back', async () => {
  await writer.create({_id: 'm-1', _type: 'effect', n: 1})
  const events = await collect(
    writer,
    '*[_type == "effect"]',
    {},
    {effectFormat: 'mendoza', includePreviousRevision: true},
    async () => {
      await writer.patch('m-1').inc({n: 1}).set({added: true}).commit()
      await writer.delete('m-1')
    },
    2,
  )
  const [update, deletion] = events as (MutationEvent & {effects: {apply: unknown; revert: unknown}; previous: Record<string, unknown>})[]
  // As Studio applies them (applyMendozaPatch): to the document without its `_rev`.
  const {_rev: previousRev, ...previous} = update!.previous
  const {_rev: resultRev, ...result} = update!.result!
  expect(applyPatch(previous, update!.effects.apply as never)).toEqual(result)
  expect(applyPatch(result, update!.effects.revert as never)).toEqual(previous)
  // Unchanged fields are copied from the previous document, as hosted Sanity's effects do.
  expect(JSON.stringify(update!.effects)).not.toContain('"effect"')
  expect(deletion!.transition).toBe('disappear')
  expect(applyPatch(deletion!.previous, deletion!.effects.apply as never)).toBeNull()
  // As Sanity's: a deletion's resultRev is its transaction (Studio chains events by it).
  expect(deletion).toMatchObject({previousRev: update!.resultRev, resultRev: deletion!.transactionId})
})

test('includeResult=false and includeMutations=false leave those fields out', async () => {
  const [event] = await collect(
    writer,
    '*[_id == "lean"]',
    {},
    {includeResult: false, includeMutations: false},
    () => writer.create({_id: 'lean', _type: 'thing'}),
    1,
  )
  expect(event).not.toHaveProperty('result')
  expect(event).not.toHaveProperty('mutations')
})

test('a listener without a token never hears of drafts', async () => {
  const anonymous = lake.client({token: null})
  const [event] = await collect(
    anonymous,
    '*[_type == "secret"]',
    {},
    {},
    async () => {
      await writer.create({_id: 'drafts.s-1', _type: 'secret'})
      await writer.create({_id: 's-1', _type: 'secret'})
    },
    1,
  )
  expect(event!.documentId).toBe('s-1')
})

test('a query that is not a filter gets a channelError', async () => {
  const error = await new Promise((resolve) => {
    writer.listen('count(*)').subscribe({next: () => undefined, error: resolve})
  })
  expect(String(error)).toContain('filter')
})

async function readStream(url: string, until: (text: string) => boolean, during?: () => Promise<unknown>): Promise<string> {
  const response = await fetch(url, {headers: {authorization: `Bearer ${TEST_TOKEN}`, accept: 'text/event-stream'}})
  expect(response.headers.get('content-type')).toContain('text/event-stream')
  const reader = response.body!.getReader()
  let text = ''
  let started = false
  while (!until(text)) {
    const {value, done} = await reader.read()
    if (done) break
    text += new TextDecoder().decode(value)
    if (!started && text.includes('event: welcome')) {
      started = true
      void during?.()
    }
  }
  await reader.cancel().catch(() => undefined)
  return text
}

test('a quiet stream gets keep-alive comments', async () => {
  const text = await readStream(`${lake.url}/v2025-02-19/data/listen/production?query=*`, (t) => t.includes('\n:\n\n'))
  expect(text).toMatch(/^event: welcome\ndata: \{"listenerName":"\w+"\}\n\n/)
  expect(text).toContain('\n:\n\n')
})

test('events carry the SSE id "<transaction>#<document>"', async () => {
  const text = await readStream(
    `${lake.url}/v2025-02-19/data/listen/production?query=*[_id=="sse"]`,
    (t) => t.includes('event: mutation'),
    () => writer.create({_id: 'sse', _type: 'thing'}),
  )
  expect(text).toMatch(/id: \w+#sse\nevent: mutation\ndata: \{/)
})

test('a lake that shuts down tells its listeners to reconnect', async () => {
  const own = await startLakeProcess()
  const text = await readStream(
    `${own.url}/v2025-02-19/data/listen/production?query=*`,
    (t) => t.includes('event: reconnect'),
    () => own.stop('SIGTERM'),
  )
  expect(text).toContain('event: reconnect')
})
