import fs from 'node:fs'
import path from 'node:path'
import {afterEach, expect, test} from 'vitest'
import {runCli} from '../../test/cli-process'
import {halvesPng} from '../../test/images'
import {startLakeProcess, temporaryDataDir, TEST_TOKEN, type LakeProcess} from '../../test/lake-process'
import type {Manifest} from './manifest'

// The restore drill, with real processes: a lake taking writes over HTTP is backed up by
// `content-lake backup`, its data folder destroyed, `content-lake restore` run, and the lake
// started again on what came back.

let lake: LakeProcess | undefined

afterEach(async () => {
  await lake?.stop()
  lake = undefined
})

/** Two documents naming each other, written in one transaction, over and over until stopped. */
function startPairWriter(running: LakeProcess) {
  const client = running.client()
  const acknowledged: string[] = []
  let stop = false
  const done = (async () => {
    for (let i = 0; !stop; i++) {
      const [a, b] = [`pair-${i}-a`, `pair-${i}-b`]
      await client.transaction().create({_id: a, _type: 'pair', partner: b}).create({_id: b, _type: 'pair', partner: a}).commit()
      acknowledged.push(a, b)
    }
  })()
  return {
    acknowledged,
    async stop() {
      stop = true
      await done
    },
  }
}

const history = (running: LakeProcess, query: string) =>
  fetch(`${running.url}/v2025-02-19/data/history/production/${query}`, {headers: {authorization: `Bearer ${TEST_TOKEN}`}}).then(async (response) => ({
    status: response.status,
    body: (await response.json()) as {documents: Record<string, unknown>[]},
  }))

test('back up a lake while it takes writes, destroy its data folder, restore: every document, asset, comment and the history come back', async () => {
  const dataDir = temporaryDataDir()
  const backupDir = path.join(temporaryDataDir(), 'backups')
  lake = await startLakeProcess(dataDir)
  const client = lake.client()

  const png = await halvesPng(40, 20)
  const image = await client.assets.upload('image', png, {filename: 'portrait.png'})
  const post = await client.create({_id: 'post-1', _type: 'post', title: 'First title', image: {_type: 'image', asset: {_type: 'reference', _ref: image._id}}})
  await client.patch('post-1').set({title: 'Second title'}).commit()
  await client.create({_id: 'drafts.post-1', _type: 'post', title: 'A draft'})
  // A comment and its private half, written together as the site writes them.
  await client
    .transaction()
    .create({_id: 'comment-1', _type: 'comment', status: 'approved', post: {_type: 'reference', _ref: 'post-1', _weak: true}, body: 'Thank you'})
    .create({
      _id: 'comment-private.comment-1',
      _type: 'commentPrivate',
      email: 'reader@example.com',
      comment: {_type: 'reference', _ref: 'comment-1', _weak: true},
    })
    .commit()
  const everythingButPairs = '*[_type != "pair"] | order(_id)'
  const before = await client.fetch(everythingButPairs, {}, {perspective: 'raw'})
  const caBefore = fs.readFileSync(path.join(dataDir, 'tls', 'ca.pem'))
  const clinician = await runCli(['users', 'add', 'jami'], dataDir)
  const clinicianToken = /#token=(\S+)|token: (\S+)/.exec(clinician.stdout)!.slice(1).find(Boolean)!

  const writer = startPairWriter(lake)
  // Some pairs are written before the backup starts, more while it runs.
  while (writer.acknowledged.length < 20) await new Promise((resolve) => setTimeout(resolve, 10))
  const acknowledgedBeforeBackup = [...writer.acknowledged]
  const backup = await runCli(['backup'], dataDir, {CONTENT_LAKE_BACKUP_DIR: backupDir})
  await writer.stop()
  expect(backup.stderr).not.toMatch(/error/i)
  expect(backup.code).toBe(0)
  const [folder, ...others] = fs.readdirSync(backupDir)
  expect(others).toEqual([])
  expect(backup.stdout).toContain(`to ${path.join(backupDir, folder!)}`)
  const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, folder!, 'manifest.json'), 'utf8')) as Manifest

  await lake.stop()
  fs.rmSync(dataDir, {recursive: true, force: true})

  const restore = await runCli(['restore', path.join(backupDir, folder!)], dataDir)
  expect(restore.stderr).toBe('')
  expect(restore.code).toBe(0)
  expect(restore.stdout).toMatch(/Restored the backup of .* production \(\d+ documents\) and 1 asset file/)

  lake = await startLakeProcess(dataDir)
  const restored = lake.client()
  expect(await restored.fetch(everythingButPairs, {}, {perspective: 'raw'})).toEqual(before)
  // The backup is one moment of the dataset: every pair acknowledged before it began, and of
  // those written during it, both documents of a transaction or neither.
  const pairs = await restored.fetch<{_id: string; partner: string}[]>('*[_type == "pair"]{_id, partner}')
  const ids = new Set(pairs.map(({_id}) => _id))
  expect(acknowledgedBeforeBackup.filter((id) => !ids.has(id))).toEqual([])
  expect(pairs.filter(({partner}) => !ids.has(partner))).toEqual([])
  expect(pairs.length + before.length).toBe(manifest.datasets.find(({name}) => name === 'production')!.documents)

  // The image's bytes, as the lake serves them (on its new port).
  const served = await fetch(`${lake.url}/${image.path}`)
  expect(served.status).toBe(200)
  expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true)
  // History: the post as it was at its first revision.
  const first = await history(lake, `documents/post-1?revision=${post._rev}`)
  expect(first.status).toBe(200)
  expect(first.body.documents).toEqual([expect.objectContaining({_id: 'post-1', title: 'First title'})])
  // The comment's private half is back, and still private.
  expect(await restored.getDocument('comment-private.comment-1')).toMatchObject({email: 'reader@example.com'})
  expect(await lake.client({token: null}).getDocument('comment-private.comment-1')).toBeUndefined()
  // Studio's users keep their sign-ins.
  expect(await lake.client({token: clinicianToken}).request({url: '/users/me'})).toMatchObject({name: 'jami'})
  // The local CA browsers were told to trust is the same one.
  expect(fs.readFileSync(path.join(dataDir, 'tls', 'ca.pem')).equals(caBefore)).toBe(true)
}, 60_000)

test('restore refuses while a lake serves the data folder, and changes nothing', async () => {
  const dataDir = temporaryDataDir()
  const backupDir = path.join(temporaryDataDir(), 'backups')
  lake = await startLakeProcess(dataDir)
  await lake.client().create({_id: 'old', _type: 'thing'})
  expect((await runCli(['backup', '--to', backupDir], dataDir)).code).toBe(0)
  await lake.client().create({_id: 'new', _type: 'thing'})

  const refused = await runCli(['restore', path.join(backupDir, fs.readdirSync(backupDir)[0]!)], dataDir)
  expect(refused.code).toBe(1)
  expect(refused.stderr).toMatch(/in use by another content lake \(process \d+\)\. Stop that lake first/)
  expect(await lake.client().getDocument('new')).toBeTruthy()
  expect(fs.readdirSync(dataDir).filter((entry) => entry.startsWith('before-restore-'))).toEqual([])
})
