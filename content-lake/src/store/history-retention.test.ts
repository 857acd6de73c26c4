import path from 'node:path'
import Database from 'better-sqlite3'
import {afterEach, expect, test} from 'vitest'
import {startLakeProcess, temporaryDataDir, TEST_TOKEN, type LakeProcess} from '../../test/lake-process'
import {purgeDeletedHistory} from './history-retention'

// A real lake writes and deletes; the purge then runs on its file with the clock moved past the
// retention period, and a restarted lake serves what is left.

const DAY_MS = 24 * 60 * 60 * 1000
const SECRETS = ['secret-draft-text', 'secret-patched-text', 'secret-shared-transaction', 'secret-generated-id']

let lake: LakeProcess | undefined

afterEach(async () => {
  await lake?.stop()
  lake = undefined
})

async function history(path: string): Promise<string> {
  const response = await fetch(`${lake!.url}/v2025-02-19/data/history/production/${path}`, {
    headers: {authorization: `Bearer ${TEST_TOKEN}`},
  })
  expect(response.status).toBe(200)
  return response.text()
}

/** Rows of the dataset file whose text holds `text`, table by table. */
function rowsHolding(file: string, text: string): Record<string, number> {
  const db = new Database(file, {readonly: true})
  try {
    const count = (sql: string) => (db.prepare(sql).get(`%${text}%`) as {n: number}).n
    return {
      documents: count('SELECT count(*) AS n FROM documents WHERE body LIKE ?'),
      transactions: count('SELECT count(*) AS n FROM transactions WHERE mutations LIKE ?'),
      revisions: count('SELECT count(*) AS n FROM revisions WHERE body LIKE ?'),
    }
  } finally {
    db.close()
  }
}

/**
 * Writes the scenario: documents with secrets that are then deleted (one sharing its transaction
 * with a document that stays, one with a generated id), one deleted and re-created, and one
 * deleted a second later than the others. Returns the moment, 30 days on, when the first
 * deletions are past the retention period and the late one is not.
 */
async function writeScenario(): Promise<{now: number; generatedId: string}> {
  const client = lake!.client()
  await client.create({_id: 'comment-draft.a', _type: 'commentDraft', text: SECRETS[0]})
  await client.patch('comment-draft.a').set({text: SECRETS[1]}).commit()
  await client
    .transaction()
    .create({_id: 'kept', _type: 'note', text: 'kept words'})
    .create({_id: 'comment-draft.b', _type: 'commentDraft', text: SECRETS[2]})
    .commit({transactionId: 'shared'})
  const generated = await client.transaction().create({_id: 'comment-draft.', _type: 'commentDraft', text: SECRETS[3]}).commit()
  const generatedId = generated.documentIds[0]!
  await client.transaction().create({_id: 'reborn', _type: 'note', text: 'first life'}).commit({transactionId: 'reborn-first'})
  await client.delete('reborn')
  await client.create({_id: 'reborn', _type: 'note', text: 'second life'})
  await client.transaction().delete('comment-draft.a').delete('comment-draft.b').delete(generatedId).commit()
  const split = Date.now()
  await client.transaction().create({_id: 'late', _type: 'commentDraft', text: 'late-secret'}).commit({transactionId: 'late-create'})
  // Transaction times have second precision: the late deletion is a whole second later.
  await new Promise((resolve) => setTimeout(resolve, 1100))
  await client.delete('late')
  return {now: Math.floor(split / 1000) * 1000 + 1000 + 30 * DAY_MS, generatedId}
}

test('the history of documents deleted longer than the retention period is purged, and nothing else', async () => {
  const dataDir = temporaryDataDir()
  const file = path.join(dataDir, 'production.sqlite')
  lake = await startLakeProcess(dataDir)
  const {now, generatedId} = await writeScenario()
  await lake.stop()
  const transactionsBefore = new Database(file, {readonly: true}).prepare('SELECT id, timestamp, identity FROM transactions ORDER BY seq').all()

  const purged = await purgeDeletedHistory(file, {days: 30, now})

  expect(purged.sort()).toEqual(['comment-draft.a', 'comment-draft.b', generatedId].sort())
  for (const secret of SECRETS) expect(rowsHolding(file, secret)).toEqual({documents: 0, transactions: 0, revisions: 0})
  expect(rowsHolding(file, 'late-secret')).toEqual({documents: 0, transactions: 1, revisions: 1})
  expect(rowsHolding(file, 'first life').revisions).toBe(1)
  const db = new Database(file, {readonly: true})
  // Every transaction stays, with its id, time and author; the shared one keeps the other document's mutation.
  expect(db.prepare('SELECT id, timestamp, identity FROM transactions ORDER BY seq').all()).toEqual(transactionsBefore)
  const shared = JSON.parse((db.prepare("SELECT mutations FROM transactions WHERE id = 'shared'").get() as {mutations: string}).mutations)
  expect(shared).toEqual([{create: {_id: 'kept', _type: 'note', text: 'kept words'}}, {purged: 'comment-draft.b'}])
  // A new dataset file gives the purged pages back to the file system.
  expect(db.pragma('auto_vacuum', {simple: true})).toBe(2)
  expect(db.pragma('freelist_count', {simple: true})).toBe(0)
  db.close()

  lake = await startLakeProcess(dataDir)
  const client = lake.client()
  expect(JSON.parse(await history('documents/comment-draft.a?time=2100-01-01T00:00:00Z')).documents).toEqual([])
  expect(await history('transactions/comment-draft.a,comment-draft.b?excludeContent=false')).toBe('')
  // The document that stays still has its whole history, from the shared transaction on.
  expect(JSON.parse(await history('documents/kept?revision=shared')).documents).toMatchObject([{_id: 'kept', text: 'kept words'}])
  const keptTransactions = (await history('transactions/kept?effectFormat=mendoza'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
  expect(keptTransactions).toMatchObject([{id: 'shared', documentIDs: ['kept'], effects: {kept: {apply: [0, {text: 'kept words'}]}}}])
  // A re-created document keeps its earlier life; one deleted within the period keeps all of it.
  expect(JSON.parse(await history('documents/reborn?revision=reborn-first')).documents).toMatchObject([{text: 'first life'}])
  expect(JSON.parse(await history('documents/late?revision=late-create')).documents).toMatchObject([{text: 'late-secret'}])
  // Documents, queries and writes carry on.
  expect(await client.getDocument('kept')).toMatchObject({text: 'kept words'})
  expect(await client.fetch('*[_type == "note"] | order(_id asc).text')).toEqual(['kept words', 'second life'])
  const heard = new Promise((resolve, reject) => {
    const subscription = client.listen('*[_id == "kept"]', {}, {events: ['welcome', 'mutation']} as never).subscribe({
      next: (event: {type: string}) => {
        if (event.type === 'welcome') void client.patch('kept').set({text: 'edited'}).commit().catch(reject)
        else {
          subscription.unsubscribe()
          resolve(event)
        }
      },
      error: reject,
    })
  })
  expect(await heard).toMatchObject({documentId: 'kept', result: {text: 'edited'}})
})

test('a purge run again finds nothing more, and a dataset file made without auto_vacuum purges too', async () => {
  const dataDir = temporaryDataDir()
  const file = path.join(dataDir, 'production.sqlite')
  lake = await startLakeProcess(dataDir)
  const {now} = await writeScenario()
  await lake.stop()
  // The layout of files made before datasets had incremental auto_vacuum.
  const old = new Database(file)
  old.pragma('auto_vacuum = NONE')
  old.exec('VACUUM')
  old.close()

  expect(await purgeDeletedHistory(file, {days: 30, now})).toHaveLength(3)
  expect(await purgeDeletedHistory(file, {days: 30, now})).toEqual([])
  for (const secret of SECRETS) expect(rowsHolding(file, secret)).toEqual({documents: 0, transactions: 0, revisions: 0})

  lake = await startLakeProcess(dataDir)
  expect(await lake.client().getDocument('kept')).toMatchObject({text: 'kept words'})
})
