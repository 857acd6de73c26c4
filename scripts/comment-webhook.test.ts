import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {expect, test} from 'vitest'
import {loadWebhooks} from '../content-lake/src/webhooks/config'
import {siteOriginForLake, writeLakeWebhooks} from './comment-webhook'

test('the comment-status and post-published webhooks are written where the lake reads them, kept private, beside the developer’s own', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'comment-webhook-'))
  const ownFile = path.join(dataDir, 'mine.json')
  fs.writeFileSync(ownFile, JSON.stringify([{name: 'purge-cache', url: 'http://localhost:9999/purge', filter: '_type == "post"'}]))
  const file = writeLakeWebhooks(dataDir, {siteOrigin: 'http://127.0.0.1:3000', secret: 's'.repeat(32), ownFile})
  expect(fs.statSync(file).mode & 0o777).toBe(0o600)
  // The lake's own parser accepts it (a bad field would stop the lake at start).
  const webhooks = loadWebhooks(file)
  expect(webhooks.map((webhook) => webhook.name)).toEqual(['purge-cache', 'comment-status', 'post-published'])
  expect(JSON.parse(fs.readFileSync(file, 'utf8'))[1]).toEqual({
    name: 'comment-status',
    url: 'http://127.0.0.1:3000/hooks/comment-status',
    filter:
      '_type == "comment" && !(_id in path("drafts.**")) && (delta::operation() == "delete" || delta::changedAny((status, post, parent, authorName, authorWebsite, provider, body, submittedAt, byPostAuthor)))',
    projection: '{_id, "status": after().status, "previousStatus": before().status}',
    on: ['update', 'delete'],
    includeDrafts: true,
    secret: 's'.repeat(32),
  })
  expect(JSON.parse(fs.readFileSync(file, 'utf8'))[2]).toEqual({
    name: 'post-published',
    url: 'http://127.0.0.1:3000/hooks/post-published',
    filter: '_type == "post" && defined(publishedAt) && !defined(before().publishedAt)',
    projection: '{_id}',
    on: ['create', 'update'],
    secret: 's'.repeat(32),
  })
  // Written again (every npm start), it is replaced, not doubled.
  writeLakeWebhooks(dataDir, {siteOrigin: 'http://127.0.0.1:4000', secret: 't'.repeat(32)})
  expect(loadWebhooks(file).map((webhook) => String(webhook.url))).toEqual([
    'http://127.0.0.1:4000/hooks/comment-status',
    'http://127.0.0.1:4000/hooks/post-published',
  ])
})

test('the lake calls the site on loopback unless the site listens on one address only', () => {
  expect(siteOriginForLake(undefined, 3000)).toBe('http://127.0.0.1:3000')
  expect(siteOriginForLake('0.0.0.0', 3000)).toBe('http://127.0.0.1:3000')
  expect(siteOriginForLake('192.168.1.20', 8080)).toBe('http://192.168.1.20:8080')
  expect(siteOriginForLake('::1', 3000)).toBe('http://[::1]:3000')
})
