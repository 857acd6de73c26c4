import {afterEach, expect, test} from 'vitest'
import {startLakeProcess, temporaryDataDir, type LakeProcess} from '../../test/lake-process'

let running: LakeProcess | undefined

afterEach(async () => {
  await running?.stop('SIGKILL')
  running = undefined
})

test('a write answered with 200 survives kill -9', async () => {
  const dataDir = temporaryDataDir()
  running = await startLakeProcess(dataDir)
  const client = running.client()
  const created = await client.create({_id: 'durable', _type: 'thing', text: 'kept'})
  const patched = await client.patch('durable').set({text: 'patched'}).commit()
  await running.stop('SIGKILL')

  running = await startLakeProcess(dataDir)
  const after = await running.client().getDocument('durable')
  expect(after).toEqual(patched)
  expect(after!._createdAt).toBe(created._createdAt)
})

test('a failed transaction leaves nothing behind after a restart either', async () => {
  const dataDir = temporaryDataDir()
  running = await startLakeProcess(dataDir)
  await running
    .client()
    .transaction()
    .create({_id: 'half', _type: 'thing'})
    .patch('missing', (p) => p.set({a: 1}))
    .commit()
    .catch(() => undefined)
  await running.stop('SIGKILL')

  running = await startLakeProcess(dataDir)
  expect(await running.client().getDocument('half')).toBeUndefined()
})

test('SIGKILL in the middle of a burst of writes loses no acknowledged write', async () => {
  const dataDir = temporaryDataDir()
  running = await startLakeProcess(dataDir)
  const client = running.client()
  const acknowledged: string[] = []
  const burst = Array.from({length: 400}, (_, i) =>
    client
      .create({_id: `burst-${i}`, _type: 'thing', i})
      .then(() => acknowledged.push(`burst-${i}`))
      .catch(() => undefined),
  )
  // Kill once some writes are answered and others are surely still in flight.
  while (acknowledged.length < 50) await new Promise((resolve) => setTimeout(resolve, 1))
  await running.stop('SIGKILL')
  await Promise.all(burst)
  expect(acknowledged.length).toBeLessThan(400)

  running = await startLakeProcess(dataDir)
  const stored = new Set(await running.client().fetch<string[]>('*[_type == "thing"]._id'))
  expect(acknowledged.filter((id) => !stored.has(id))).toEqual([])
})
