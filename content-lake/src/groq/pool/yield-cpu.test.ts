import fs from 'node:fs'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {type LakeProcess, startLakeProcess, temporaryDataDir} from '../../../test/lake-process'
import {QUERY_WORKER_NICENESS} from './yield-cpu'

let lake: LakeProcess
beforeAll(async () => {
  lake = await startLakeProcess(temporaryDataDir(), {CONTENT_LAKE_QUERY_WORKERS: '2'})
})
afterAll(() => lake?.stop())

/** Each thread of the process with its niceness (field 19 of /proc/<pid>/task/<tid>/stat). */
function threadNiceness(pid: number): number[] {
  return fs.readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
    // The command name may hold spaces: the fields after it are counted from its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(fields[16])
  })
}

test('query workers run at a lower CPU priority than the lake’s own thread', async () => {
  expect(await lake.client().fetch('1 + 1')).toBe(2)
  const pid = lake.child.pid!
  // The lake's own process (its main thread) keeps the default priority.
  expect(threadNiceness(pid)[0]).toBe(0)
  await expect.poll(() => threadNiceness(pid).filter((nice) => nice === QUERY_WORKER_NICENESS).length, {timeout: 5_000}).toBe(2)
})
