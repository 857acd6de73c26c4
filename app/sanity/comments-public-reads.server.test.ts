import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {type LakeProcess, startLakeProcess} from '../../content-lake/test/lake-process'
import type {CommentStatus} from '../../contract/comments'
import {readCommentForWriter, reconcilePublicCopy, saveComment, saveWriterEdit, setCommentStatus} from './comments.server'

// What anyone without a token can learn about comments, through every read path of the lake's
// API (query in every perspective, doc, listen, history, export): the name, text, website and
// reasons of a comment that is not approved, never; an account id, email, address hash,
// status or a text its writer replaced by editing it, never, for any comment. The comments are written by the site's own comment store.

let lake: LakeProcess
let writer: SanityClient
let anonymous: SanityClient

/** What each comment carries that must not leak; the strings are unique to it. */
const secrets = (label: string) => ({
  name: `Name-${label}`,
  body: `Text-${label}`,
  website: `https://site-${label}.example`,
  reason: `Reason-${label}`,
  email: `email-${label}@example.com`,
  accountId: `account-${label}`,
  hash: `hash-${label}`,
  agent: `Agent-${label}`,
})
const NEVER_PUBLIC = ['email', 'accountId', 'hash', 'agent', 'reason'] as const
const HELD_TEXT = ['name', 'body', 'website'] as const

// Each comment's journey: it ends not approved; "unapproved" was public for a while.
// (Labels are never part of one another, so one's secrets are never found inside another's.)
const JOURNEYS: Record<string, CommentStatus[]> = {
  held: ['pending'],
  junk: ['pending', 'spam'],
  binned: ['pending', 'trash'],
  unapproved: ['pending', 'approved', 'pending'],
  spammed: ['pending', 'approved', 'spam'],
}

async function store(label: string) {
  const s = secrets(label)
  await saveComment(writer, {
    id: `comment-${label}`,
    post: {_id: 'post-1'},
    submission: {
      name: s.name,
      email: s.email,
      website: s.website,
      body: s.body,
      notifyReplies: true,
      notifyPosts: false,
      identity: {provider: 'github', accountId: s.accountId},
    },
    status: 'pending',
    spamVerdict: 'ham',
    reasons: [s.reason],
    submittedAt: new Date(),
    networkAddressHash: s.hash,
    userAgent: s.agent,
  })
}

async function get(path: string): Promise<{status: number; text: string}> {
  const response = await fetch(`${lake.url}${path}`)
  return {status: response.status, text: await response.text()}
}

/** The strings of comment `label` that no token-less reader may see once its journey is over. */
function hidden(label: string): string[] {
  const s = secrets(label)
  return [...NEVER_PUBLIC.map((key) => s[key]), ...HELD_TEXT.map((key) => s[key])]
}

const everySecret = () => Object.keys(JOURNEYS).flatMap(hidden)

let listened = ''

beforeAll(async () => {
  lake = await startLakeProcess()
  writer = lake.client()
  anonymous = lake.client({token: null})
  await writer.create({_id: 'post-1', _type: 'post', title: 'A post'})
  // Everything happens while a token-less listener watches every document.
  await new Promise<void>((resolve, reject) => {
    const events: unknown[] = []
    const timer = setTimeout(() => reject(new Error('The listener never saw the end marker')), 20_000)
    const subscription = anonymous.listen('*', {}, {includeResult: true, includePreviousRevision: true, events: ['welcome', 'mutation']} as never).subscribe({
      next: (event: {type: string; documentId?: string}) => {
        if (event.type === 'welcome') {
          void (async () => {
            for (const [label, journey] of Object.entries(JOURNEYS)) {
              await store(label)
              for (const status of journey.slice(1)) await setCommentStatus(writer, `comment-${label}`, status, {who: {kind: 'site', task: 'test'}})
            }
            await writer.create({_id: 'end-marker', _type: 'marker'})
          })().catch(reject)
          return
        }
        events.push(event)
        if (event.documentId === 'end-marker') {
          clearTimeout(timer)
          subscription.unsubscribe()
          listened = JSON.stringify(events)
          resolve()
        }
      },
      error: reject,
    })
  })
  // One comment stays approved: its public copy is the only public trace of any of them.
  await store('approved')
  await setCommentStatus(writer, 'comment-approved', 'approved', {who: {kind: 'site', task: 'test'}})
  // Its writer then edits it twice: the texts it had stay on the record, for moderators only,
  // however its public copy is made (by the edit, or by the webhook after any change).
  await saveWriterEdit(writer, (await readCommentForWriter(writer, 'comment-approved'))!, {
    body: 'Between-approved',
    status: 'approved',
    spamVerdict: 'ham',
    at: new Date(),
  })
  await saveWriterEdit(writer, (await readCommentForWriter(writer, 'comment-approved'))!, {
    body: EDITED_TEXT,
    status: 'approved',
    spamVerdict: 'ham',
    at: new Date(),
  })
  await writer.delete('comment-approved')
  await reconcilePublicCopy(writer, 'comment-approved')
}, 60_000)

const EDITED_TEXT = 'Edited-approved'
/** The private strings of the approved comment: its contact details, and the text its writer replaced. */
const approvedPrivate = () => [...NEVER_PUBLIC.map((key) => secrets('approved')[key]), secrets('approved').body, 'Between-approved']

afterAll(() => lake?.stop())

test('query, in every perspective and API version: no held comment, and nothing private of an approved one', async () => {
  for (const [apiVersion, perspective] of [
    ['2025-02-19', 'published'],
    ['2025-02-19', 'drafts'],
    ['2025-02-19', 'raw'],
    ['2021-10-21', null],
  ] as const) {
    for (const query of ['*', '*[_type in ["comment", "publicComment", "commentAudit"]]', '*[_id in path("**")]']) {
      const search = new URLSearchParams({query, ...(perspective ? {perspective} : {})})
      const {status, text} = await get(`/v${apiVersion}/data/query/production?${search}`)
      expect(status).toBe(200)
      const result = JSON.stringify(JSON.parse(text).result)
      for (const secret of [...everySecret(), ...approvedPrivate()]) expect(result).not.toContain(secret)
      expect(result).not.toMatch(/"status"|providerAccountId|commentAudit|"_type":"comment"|revisions|editedAt/)
    }
  }
  // The approved comment is there, as its public copy.
  expect(await anonymous.fetch('*[_type == "publicComment"]{_id, body}')).toEqual([{_id: 'comment-approved', body: EDITED_TEXT}])
  // …while the record keeps the replaced text.
  expect((await writer.getDocument('comment-private.comment-approved'))?.revisions).toEqual([
    expect.objectContaining({body: 'Text-approved'}),
    expect.objectContaining({body: 'Between-approved'}),
  ])
})

test('doc: records and audit entries are omitted; a comment no longer approved has no public document', async () => {
  const ids = [...Object.keys(JOURNEYS), 'approved'].flatMap((label) => [`comment-${label}`, `comment-private.comment-${label}`])
  const {status, text} = await get(`/v2025-02-19/data/doc/production/${ids.join(',')}`)
  expect(status).toBe(200)
  const body = JSON.parse(text) as {documents: {_id: string}[]}
  expect(body.documents.map((document) => document._id)).toEqual(['comment-approved'])
  for (const secret of [...everySecret(), ...approvedPrivate()]) expect(text).not.toContain(secret)
})

test('listen: a token-less listener saw no held comment at all, and no private field of any', () => {
  expect(listened).toContain('comment-unapproved') // it was public while approved…
  for (const label of ['held', 'junk', 'binned']) for (const secret of hidden(label)) expect(listened).not.toContain(secret)
  for (const label of Object.keys(JOURNEYS)) for (const key of NEVER_PUBLIC) expect(listened).not.toContain(secrets(label)[key])
  expect(listened).not.toMatch(/providerAccountId|"status"|comment-private\.|comment-audit\./)
})

test('history: refused without a token, for records, public copies and audit entries alike', async () => {
  const time = encodeURIComponent(new Date().toISOString())
  for (const id of ['comment-unapproved', 'comment-private.comment-held', 'comment-approved']) {
    for (const path of [
      `/v2025-02-19/data/history/production/transactions/${id}`,
      `/v2025-02-19/data/history/production/documents/${id}?time=${time}`,
      `/v2025-02-19/data/history/production/events/documents/${id}`,
    ]) {
      const {status, text} = await get(path)
      expect(status).toBe(403)
      for (const secret of everySecret()) expect(text).not.toContain(secret)
    }
  }
})

test('export: only the approved comment’s public copy, with its public fields', async () => {
  const {status, text} = await get('/v2025-02-19/data/export/production')
  expect(status).toBe(200)
  for (const secret of [...everySecret(), ...approvedPrivate()]) expect(text).not.toContain(secret)
  const comments = text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((document) => String(document._type).toLowerCase().includes('comment'))
  expect(comments).toHaveLength(1)
  expect(Object.keys(comments[0]!).sort()).toEqual(
    ['_createdAt', '_id', '_rev', '_type', '_updatedAt', 'authorName', 'authorWebsite', 'body', 'post', 'provider', 'submittedAt'].sort(),
  )
})
