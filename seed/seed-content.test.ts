import {afterAll, beforeAll, expect, test} from 'vitest'
import {startLakeProcess, type LakeProcess} from '../content-lake/test/lake-process'
import {POST_ID, seedDocuments} from './life-in-balance'
import {seedContent} from './seed-content'

let lake: LakeProcess

beforeAll(async () => {
  lake = await startLakeProcess()
})

afterAll(async () => {
  await lake.stop()
})

const snapshot = () => lake.client().fetch('*[] | order(_id){_id, _rev, _updatedAt}', {}, {perspective: 'raw'})

test('seeding is idempotent: a second run changes nothing', async () => {
  expect(await seedContent(lake.client())).toBe('seeded')
  const first = await snapshot()
  expect(first.map((doc: {_id: string}) => doc._id)).toEqual(seedDocuments.map((doc) => doc._id).sort())

  expect(await seedContent(lake.client())).toBe('already-present')
  expect(await snapshot()).toEqual(first)
})

test('the seeded post is public: a token-less reader finds it by its slug', async () => {
  const title = await lake.client({token: null}).fetch('*[_type == "post" && slug.current == $slug][0].title', {
    slug: 'hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy',
  })
  expect(title).toBe('“Hold On. We Don’t Do That” – Sex Therapy v. Sexual\u00a0Surrogacy')
})

test('content an editor deleted is not brought back by a restart', async () => {
  await lake.client().delete(POST_ID)
  expect(await seedContent(lake.client())).toBe('partly-present')
  expect(await lake.client().getDocument(POST_ID)).toBeUndefined()
})
