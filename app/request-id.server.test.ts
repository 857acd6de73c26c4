import {setTimeout as sleep} from 'node:timers/promises'
import {expect, test} from 'vitest'
import {currentRequestId, timingLakeWait, withRequestId} from './request-id.server'

test('the lake reads made while answering a request add their waits to it, and only to it', async () => {
  const answering = {id: 'request-1', lakeMs: 0}
  const other = {id: 'request-2', lakeMs: 0}
  const started = performance.now()
  await Promise.all([
    withRequestId(answering, async () => {
      expect(currentRequestId()).toBe('request-1')
      await timingLakeWait(sleep(30))
      // A failed read waited too.
      await expect(timingLakeWait(sleep(20).then(() => Promise.reject(new Error('lake down'))))).rejects.toThrow('lake down')
      await sleep(30) // the site's own work is not the lake's
    }),
    withRequestId(other, () => sleep(10)),
  ])
  expect(answering.lakeMs).toBeGreaterThanOrEqual(45)
  expect(answering.lakeMs).toBeLessThanOrEqual(performance.now() - started - 29)
  expect(other.lakeMs).toBe(0)
  // Outside a request (start-up), a read is simply waited for.
  expect(await timingLakeWait(Promise.resolve(7))).toBe(7)
})

test('reads made side by side count once: lakeMs is the time some read was in flight, never more than the request took', async () => {
  const answering = {id: 'request-3', lakeMs: 0}
  const started = performance.now()
  await withRequestId(answering, async () => {
    // The root's and the route's loaders read at once; the longer read outlasts the shorter.
    await Promise.all([timingLakeWait(sleep(40)), timingLakeWait(sleep(20)), sleep(5).then(() => timingLakeWait(sleep(30)))])
    await sleep(20)
    await timingLakeWait(sleep(10))
  })
  const took = performance.now() - started
  expect(answering.lakeMs).toBeGreaterThanOrEqual(49)
  // Added up, the waits would be 100 ms and more.
  expect(answering.lakeMs).toBeLessThan(took - 19)
  expect(answering.lakeMs).toBeLessThan(80)
})
