import {Worker} from 'node:worker_threads'
import {expect, test} from 'vitest'

// A query worker between queries: a thread whose event loop waits on its message port. Steps
// scheduled so that they do not wake it would not run until the next query arrived.
const WORKER = `
const {parentPort, workerData} = require('node:worker_threads')
parentPort.on('message', () => {})
import(workerData.module).then(({inBackgroundSteps}) => {
  let steps = 0
  const started = performance.now()
  inBackgroundSteps(() => {
    const until = performance.now() + 2
    while (performance.now() < until) {}
    if (++steps < 100) return 'more'
    parentPort.postMessage(performance.now() - started)
    return 'done'
  })
})
`

test('background steps run in an idle worker thread, not only when a query wakes it', async () => {
  const module = new URL('./background-steps.ts', import.meta.url).href
  const worker = new Worker(WORKER, {eval: true, execArgv: ['--import', 'tsx'], workerData: {module}})
  const elapsed = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
    // Unreferenced steps would have run a handful of times by then.
    setTimeout(() => resolve(Number.POSITIVE_INFINITY), 5_000)
  })
  await worker.terminate()
  // 100 steps of 2 ms.
  expect(elapsed).toBeLessThan(2_000)
}, 15_000)
