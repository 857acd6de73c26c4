import {createClient} from '@sanity/client'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {startLakeProcess, TEST_TOKEN, type LakeProcess} from '../../content-lake/test/lake-process'
import {isLakeUnavailable} from './client.server'

// The errors come from the real client against a real lake, so the shapes tested are the real ones.
let lake: LakeProcess
beforeAll(async () => {
  lake = await startLakeProcess(undefined, {CONTENT_LAKE_QUERY_TIMEOUT_MS: '300', CONTENT_LAKE_QUERY_WORKERS: '1'})
})
afterAll(() => lake?.stop())

const client = () =>
  createClient({
    projectId: 'local',
    dataset: 'production',
    apiVersion: '2025-02-19',
    apiHost: lake.url,
    useProjectHostname: false,
    useCdn: false,
    token: TEST_TOKEN,
    maxRetries: 0,
  })

async function failureOf(query: string): Promise<unknown> {
  try {
    await client().fetch(query)
  } catch (error) {
    return error
  }
  throw new Error(`"${query}" did not fail`)
}

test('a query the lake had no time for is "unavailable for now" (the page answers 503), not a broken page', async () => {
  const transaction = client().transaction()
  for (let index = 0; index < 20; index++) transaction.createOrReplace({_id: `busy-${index}`, _type: 'thing'})
  await transaction.commit()
  // 20 documents, seven levels deep: minutes of work, far past a 300 ms budget.
  let filter = 'true'
  for (let depth = 0; depth < 7; depth++) filter = `count(*[${filter}]) > 0`
  const timedOut = await failureOf(`*[${filter}]._id`)
  expect(timedOut).toMatchObject({statusCode: 422, details: {type: 'queryTimeoutError'}})
  expect(isLakeUnavailable(timedOut)).toBe(true)
})

test('a broken query is not "unavailable": it is the site’s bug and stays a 500', async () => {
  // The test before stopped the only worker; its replacement may take longer to start than the
  // 300 ms budget, which would turn this 400 into a timeout.
  await expect
    .poll(
      () =>
        client()
          .fetch('1')
          .catch(() => null),
      {timeout: 10_000, interval: 100},
    )
    .toBe(1)
  const broken = await failureOf('*[_type == ')
  expect(broken).toMatchObject({statusCode: 400})
  expect(isLakeUnavailable(broken)).toBe(false)
})

test('a lake that cannot be reached is unavailable', async () => {
  const unreachable = createClient({
    projectId: 'local',
    dataset: 'production',
    apiVersion: '2025-02-19',
    apiHost: 'http://127.0.0.1:9',
    useProjectHostname: false,
    useCdn: false,
    maxRetries: 0,
  })
  await expect(unreachable.fetch('1')).rejects.toSatisfy(isLakeUnavailable)
})
