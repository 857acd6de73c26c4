import {expect, test} from 'vitest'
import {RenderQueue, RenderQueueFullError} from './render-queue'

const held = () => {
  let release!: () => void
  const done = new Promise<void>((resolve) => (release = resolve))
  return {done, release}
}

test('a render that cannot start within the wait limit is refused as busy, and leaves the queue', async () => {
  const queue = new RenderQueue(1, 5, 100)
  const first = held()
  const running = queue.run(() => first.done)
  const started = performance.now()
  await expect(queue.run(async () => 'never')).rejects.toBeInstanceOf(RenderQueueFullError)
  expect(performance.now() - started).toBeGreaterThanOrEqual(95)
  expect(performance.now() - started).toBeLessThan(1_000)
  // The refused one gave its place up: the next waiter starts when the first render ends.
  const next = queue.run(async () => 'next')
  first.release()
  await running
  await expect(next).resolves.toBe('next')
})

test('waiters start in order as renders finish; past the waiting room, refused at once', async () => {
  const queue = new RenderQueue(1, 1, 10_000)
  const first = held()
  const order: string[] = []
  const a = queue.run(async () => {
    await first.done
    order.push('a')
  })
  const b = queue.run(async () => void order.push('b'))
  await expect(queue.run(async () => 'c')).rejects.toBeInstanceOf(RenderQueueFullError)
  first.release()
  await Promise.all([a, b])
  expect(order).toEqual(['a', 'b'])
})
