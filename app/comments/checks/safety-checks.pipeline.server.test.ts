import {afterAll, beforeAll, expect, test} from 'vitest'
import {type LakeProcess, startLakeProcess, TEST_TOKEN} from '../../../content-lake/test/lake-process'
import {type AkismetStandIn, startAkismetStandIn} from '../../../stand-ins/akismet/server'

// The safety checks as the post page's action runs them: real lake process over HTTP, the
// Akismet stand-in through akismet-api, the practice's authors read from the lake.

const SITE = 'http://localhost:3998'
const PATH = '/2026/11/01/a-post/'
let lake: LakeProcess
let akismet: AkismetStandIn
let handleCommentPost: typeof import('../comment-action.server').handleCommentPost
let issueFormToken: typeof import('~/security/form-token.server').issueFormToken

beforeAll(async () => {
  ;[lake, akismet] = await Promise.all([startLakeProcess(), startAkismetStandIn()])
  Object.assign(process.env, {
    SITE_URL: SITE,
    SESSION_SECRET: 's'.repeat(40),
    SANITY_API_WRITE_TOKEN: TEST_TOKEN,
    CONTENT_LAKE_URL: lake.url,
    AKISMET_KEY: 'local-dev-key',
    AKISMET_API_URL: akismet.url,
    AKISMET_TIMEOUT_MS: '1500',
    COMMENT_MIN_FILL_SECONDS: '2',
  })
  ;({handleCommentPost} = await import('../comment-action.server'))
  ;({issueFormToken} = await import('~/security/form-token.server'))
  await lake
    .client()
    .transaction()
    // Published at once, so nothing but the safety checks would hold a comment.
    .create({
      _id: 'siteSettings',
      _type: 'siteSettings',
      title: 'Blog',
      moderation: {mode: 'publishUnlessFlagged', holdIfLinksAtLeast: 2, holdWords: [], trashWords: ['casino'], closeCommentsAfterDays: 0},
    })
    .create({_id: 'author-1', _type: 'author', name: 'Dr. Jami Wilder'})
    .create({
      _id: 'post-1',
      _type: 'post',
      title: 'A post',
      slug: {current: 'a-post'},
      publishedAt: '2026-11-01T12:00:00Z',
      author: {_type: 'reference', _ref: 'author-1'},
    })
    .commit()
}, 60_000)
afterAll(async () => {
  await Promise.all([lake.stop(), akismet.close()])
})

let address = 0
async function postComment(fields: Record<string, string>) {
  const body = new URLSearchParams({formToken: issueFormToken(undefined, Date.now() - 10_000), ...fields})
  const request = new Request(`${SITE}${PATH}`, {
    method: 'POST',
    body,
    headers: {Origin: SITE, 'User-Agent': 'Mozilla/5.0 (safety test)', Referer: `${SITE}${PATH}`},
  })
  address += 1
  const response = (await handleCommentPost(request, {slug: 'a-post', clientAddress: `198.51.${address}.9`})) as Response
  expect(response.status).toBe(303)
  const id = new URL(response.headers.get('Location')!, SITE).hash.slice(1)
  return (await lake.client().getDocument(`comment-private.${id}`))!
}

test('an ordinary comment is published as before', async () => {
  expect(await postComment({name: 'Ann', email: 'ann@example.com', body: 'Thank you, this helped.'})).toMatchObject({status: 'approved'})
})

test('crisis language is held as needing care, even when Akismet calls it spam or a trash word is in it', async () => {
  const held = await postComment({name: 'Bo', email: 'bo@example.com', body: 'Honestly everyone would be better off without me.'})
  expect(held).toMatchObject({status: 'pending', spamVerdict: 'ham', spamReason: 'Needs care: possible crisis language (suicidal thoughts).'})
  const spam = await postComment({name: 'akismet-guaranteed-spam', email: 'cy@example.com', body: "I've been cutting again."})
  expect(spam).toMatchObject({
    status: 'pending',
    spamVerdict: 'spam',
    spamReason: expect.stringMatching(/^Needs care: .*self-harm.* Akismet says this is spam\.$/),
  })
  const trash = await postComment({name: 'Di', email: 'di@example.com', body: "I'm going to hurt him, then the casino."})
  expect(trash).toMatchObject({status: 'pending', spamReason: expect.stringContaining('Needs care')})
})

test('personal health details are held for redaction; the practice’s clinicians come from its authors', async () => {
  const held = await postComment({name: 'Ed', email: 'ed@example.com', body: 'I have sessions with Dr Wilder and I was diagnosed with PTSD.'})
  expect(held).toMatchObject({
    status: 'pending',
    spamReason: 'Personal details: a first-person diagnosis or medicine, a clinician of the practice named as the commenter’s own; redact before approving.',
  })
  expect(await postComment({name: 'Flo', email: 'flo@example.com', body: 'Dr Wilder, what a kind post.'})).toMatchObject({status: 'approved'})
})
