import {fork} from 'node:child_process'
import path from 'node:path'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {startLakeProcess, type LakeProcess} from '../../test/lake-process'

// Writers in several processes at once, as the site's servers and Studio editors would be.

let lake: LakeProcess

beforeAll(async () => {
  lake = await startLakeProcess()
  await lake.client().create({_id: 'shared-counter', _type: 'thing', n: 0})
})

afterAll(async () => {
  await lake?.stop()
})

function writer(index: number): Promise<number | null> {
  const child = fork(path.join(import.meta.dirname, '..', '..', 'test', 'concurrent-writer.ts'), [lake.url, String(index)], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  })
  return new Promise((resolve) => child.once('exit', resolve))
}

test('concurrent writers in four processes serialise: no lost update, every transaction whole', async () => {
  const codes = await Promise.all([0, 1, 2, 3].map(writer))
  expect(codes).toEqual([0, 0, 0, 0])
  const client = lake.client()
  // Each writer incremented the shared counter 50 times.
  expect((await client.getDocument('shared-counter'))!.n).toBe(200)
  // Each writer's transactions created a pair of documents that must both exist.
  const pairs = await client.fetch<{_id: string; partner: string}[]>('*[_type == "pair-member"]{_id, partner}')
  expect(pairs).toHaveLength(4 * 50 * 2)
  const ids = new Set(pairs.map((p) => p._id))
  expect(pairs.every((p) => ids.has(p.partner))).toBe(true)
})
