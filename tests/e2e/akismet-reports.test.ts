import fs from 'node:fs'
import path from 'node:path'
import {expect, inject, test} from 'vitest'
import type {AkismetCommentParams} from '~/comments/akismet.server'
import {derivedKeys} from '~/security/keys.server'
import {seal} from '~/security/sealed.server'
import {akismetStandInAt} from '../support/akismet-stand-in'
import {lakeClient} from '../support/site-content'

/**
 * `npm start` without AKISMET_KEY: the Akismet stand-in runs, and a moderator's decision in the
 * lake (as Studio makes it) reaches Akismet through the lake's webhook and the site.
 */

const dataDir = inject('dataDir')
const lakeUrl = inject('lakeUrl')
const akismetUrl = inject('akismetUrl')
const kept = (name: string) => fs.readFileSync(path.join(dataDir, name), 'utf8').trim()

const lake = lakeClient(lakeUrl, dataDir)

const akismet = akismetStandInAt(akismetUrl!)

test('npm start runs the Akismet stand-in, records its address, and the site knows its key', async () => {
  expect(akismetUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  expect(JSON.parse(kept('stack.json'))).toMatchObject({akismetUrl, lakeUrl})
  const verify = await fetch(`${akismetUrl}/1.1/verify-key`, {
    method: 'POST',
    body: new URLSearchParams({key: 'local-dev-key', blog: 'http://localhost'}),
  })
  expect(await verify.text()).toBe('valid')
  // The site verified its key with the stand-in when it started.
  expect((await akismet.log()).some((entry) => entry.endpoint === 'verify-key' && entry.key === 'local-dev-key')).toBe(true)
})

test('a comment marked spam in the lake is reported to Akismet once, with the parameters it was checked with', async () => {
  const id = `comment-e2e${Date.now()}`
  const checked: AkismetCommentParams = {
    user_ip: '198.51.100.23',
    user_agent: 'Mozilla/5.0 (e2e)',
    permalink: 'http://localhost/2013/07/25/hold-on/',
    comment_type: 'comment',
    comment_author: `Spammer ${id}`,
    comment_content: 'Cheap pills',
    comment_date_gmt: new Date().toISOString(),
  }
  // Sealed as the site seals it, with the site's kept session secret.
  const akismetCheck = seal(checked, derivedKeys('sealed-record', [kept('session-secret')]))
  // The comment's record, as the site stores it (held: no public copy).
  await lake.create(
    {_id: `comment-private.${id}`, _type: 'comment', status: 'pending', authorName: checked.comment_author, body: checked.comment_content, akismetCheck},
    {visibility: 'sync'},
  )

  await lake.patch(`comment-private.${id}`).set({status: 'spam'}).commit()
  const reports = async () =>
    (await akismet.log()).filter((entry) => entry.endpoint === 'submit-spam' && entry.params.comment_author === checked.comment_author)
  const deadline = Date.now() + 15_000
  while ((await reports()).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
  const [report, ...more] = await reports()
  expect(more).toEqual([])
  expect(report!.params).toMatchObject({
    user_ip: '198.51.100.23',
    user_agent: 'Mozilla/5.0 (e2e)',
    comment_author: checked.comment_author,
    comment_content: 'Cheap pills',
    is_test: 'true',
    blog_lang: 'en',
  })
  expect(await lake.getDocument(`comment-private.${id}`)).toMatchObject({akismetReported: 'spam'})
})
