import type {MutationEvent, SanityClient} from '@sanity/client'
import {applyPatch} from 'mendoza'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {startLakeProcess, type LakeProcess} from '../../test/lake-process'

// Two Studios typing at once into one draft, as Studio sends keystrokes: one edit action per
// transaction, each a diffMatchPatch made against the sender's own copy of the text, which lacks
// what the other typed meanwhile. Each Studio's listener must then get every transaction once, in
// commit order, chained by revision, with the mutations as sent, and the lake must keep every
// keystroke where it was typed (issue #17: once, one editor's text showed up mid-word).

let lake: LakeProcess
let client: SanityClient

beforeAll(async () => {
  lake = await startLakeProcess()
  client = lake.client()
})

afterAll(async () => {
  await lake?.stop()
})

const PARAGRAPHS = ['First paragraph.', 'Second paragraph.', 'Third paragraph.']
const POST = 'typed-together'
const DRAFT = `drafts.${POST}`

/** The path of paragraph `index`'s text, as Studio's editor names it. */
const textPath = (index: number) => `body[_key=="p${index}"].children[_key=="p${index}-span"].text`

/** One keystroke as Studio's editor sends it: `char` inserted at `offset`, with 8 characters of context each side. */
function keystroke(text: string, offset: number, char: string): string {
  const before = text.slice(Math.max(0, offset - 8), offset)
  const after = text.slice(offset, offset + 8)
  const start = offset - before.length
  const range = (length: number) => (length === 0 ? `${start},0` : length === 1 ? `${start + 1}` : `${start + 1},${length}`)
  const context = before.length + after.length
  return `@@ -${range(context)} +${range(context + 1)} @@\n${before ? ` ${before}\n` : ''}+${char}\n${after ? ` ${after}\n` : ''}`
}

interface Typist {
  name: string
  /** Paragraph index, where in it, and what: typed one character per transaction. */
  runs: {paragraph: number; at: 'start' | 'end'; text: string}[]
}

/** Types like one Studio: on its own copy of the body, one transaction per keystroke, each awaited; `sent` gets each transaction's patch. */
async function type({name, runs}: Typist, sent: Map<string, string>): Promise<void> {
  const own = [...PARAGRAPHS]
  let count = 0
  for (const {paragraph, at, text} of runs) {
    let offset = at === 'start' ? 0 : own[paragraph]!.length
    for (const char of text) {
      const patch = keystroke(own[paragraph]!, offset, char)
      const transactionId = `${name}-${count++}`
      sent.set(transactionId, patch)
      await client.action(
        {actionType: 'sanity.action.document.edit', draftId: DRAFT, publishedId: POST, patch: {diffMatchPatch: {[textPath(paragraph + 1)]: patch}}},
        {transactionId},
      )
      own[paragraph] = own[paragraph]!.slice(0, offset) + char + own[paragraph]!.slice(offset)
      offset++
    }
  }
}

/** A listener like Studio's document pair listener, collecting `count` mutation events. */
function listen(count: number): {ready: Promise<void>; events: Promise<MutationEvent[]>} {
  const events: MutationEvent[] = []
  let welcomed: () => void
  const ready = new Promise<void>((resolve) => (welcomed = resolve))
  const done = new Promise<MutationEvent[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Only ${events.length} of ${count} events arrived`)), 20_000)
    const subscription = client
      .listen('*[_id in $ids]', {ids: [POST, DRAFT]}, {includeResult: false, effectFormat: 'mendoza', events: ['welcome', 'mutation']} as never)
      .subscribe({
        next: (event: {type: string}) => {
          if (event.type === 'welcome') return welcomed()
          events.push(event as MutationEvent)
          if (events.length < count) return
          clearTimeout(timer)
          subscription.unsubscribe()
          resolve(events)
        },
        error: reject,
      })
  })
  return {ready, events: done}
}

const typed = {anaSame: ' Ana adds this at the end.', benSame: 'Ben starts here. ', anaNext: ' Ana goes on below.', benNext: ' Ben ends the post.'}
const ana: Typist = {
  name: 'ana',
  runs: [
    {paragraph: 0, at: 'end', text: typed.anaSame},
    {paragraph: 1, at: 'end', text: typed.anaNext},
  ],
}
const ben: Typist = {
  name: 'ben',
  runs: [
    {paragraph: 0, at: 'start', text: typed.benSame},
    {paragraph: 2, at: 'end', text: typed.benNext},
  ],
}

test('keystrokes two writers send at once all land where they were typed, and each listener hears every one once, in order, as sent', async () => {
  const body = PARAGRAPHS.map((text, index) => ({
    _type: 'block',
    _key: `p${index + 1}`,
    style: 'normal',
    markDefs: [],
    children: [{_type: 'span', _key: `p${index + 1}-span`, text, marks: []}],
  }))
  await client.create({_id: POST, _type: 'post', title: 'Typed together', body})
  const total = Object.values(typed).join('').length
  const listeners = [listen(total), listen(total)]
  await Promise.all(listeners.map(({ready}) => ready))

  const sent = new Map<string, string>()
  await Promise.all([type(ana, sent), type(ben, sent)])

  const stored = (await client.getDocument(DRAFT))!
  const paragraphs = (stored.body as {children: {text: string}[]}[]).map((block) => block.children.map((span) => span.text).join(''))
  expect(paragraphs).toEqual([`${typed.benSame}${PARAGRAPHS[0]}${typed.anaSame}`, `${PARAGRAPHS[1]}${typed.anaNext}`, `${PARAGRAPHS[2]}${typed.benNext}`])

  const [first, second] = await Promise.all(listeners.map(({events}) => events))
  const order = first!.map((event) => event.transactionId)
  // Every transaction once; both writers were at it at once, not one after the other.
  expect([...order].sort()).toEqual([...sent.keys()].sort())
  expect(new Set(order.slice(0, total / 2).map((id) => id.split('-')[0]))).toEqual(new Set(['ana', 'ben']))

  for (const events of [first!, second!]) {
    // In commit order, the same for every listener: each one's previousRev the one before's resultRev.
    expect(events.map((event) => event.transactionId)).toEqual(order)
    expect(events[0]!.previousRev).toBeUndefined()
    events.forEach((event, index) => {
      expect(event.documentId).toBe(DRAFT)
      expect(event.resultRev).toBe(event.transactionId)
      if (index > 0) expect(event.previousRev).toBe(events[index - 1]!.resultRev)
      // Studio knows its own transaction by its id and applies the others' mutations as sent.
      const patches = (event.mutations ?? []).map((mutation) => (mutation as {patch?: {diffMatchPatch?: Record<string, string>}}).patch?.diffMatchPatch)
      expect(patches.filter(Boolean).flatMap((patch) => Object.values(patch!))).toEqual([sent.get(event.transactionId)])
    })
    // Replaying the effects in the order they came gives the stored draft.
    const replayed = events.reduce<unknown>((document, event) => applyPatch(document, (event as unknown as {effects: {apply: never}}).effects.apply), null)
    const {_rev, ...withoutRev} = stored
    expect(replayed).toEqual(withoutRev)
  }
}, 60_000)
