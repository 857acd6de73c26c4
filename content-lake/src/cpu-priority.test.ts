import fs from 'node:fs'
import sharp from 'sharp'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {type LakeProcess, startLakeProcess, temporaryDataDir} from '../test/lake-process'
import {COSTLY_WORK_NICENESS} from './cpu-priority'

let lake: LakeProcess
beforeAll(async () => {
  lake = await startLakeProcess(temporaryDataDir(), {CONTENT_LAKE_QUERY_WORKERS: '2'})
})
afterAll(() => lake?.stop())

/** Each thread of the lake process: its name and niceness (field 19 of /proc/<pid>/task/<tid>/stat). */
function threads(): {name: string; nice: number}[] {
  const pid = lake.child.pid!
  return fs.readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
    // The name may hold spaces: the fields after it are counted from its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return {name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), nice: Number(fields[16])}
  })
}

test('query workers and image-render threads run at a lower CPU priority than the lake’s own thread', async () => {
  expect(await lake.client().fetch('1 + 1')).toBe(2)
  const png = await sharp({create: {width: 600, height: 600, channels: 3, background: {r: 10, g: 200, b: 30}}})
    .png()
    .toBuffer()
  const asset = await lake.client().assets.upload('image', png)
  expect((await fetch(`${lake.url}${new URL(asset.url).pathname}?w=300&blur=20`)).status).toBe(200)

  const [main] = threads()
  expect(main!.nice).toBe(0)
  await expect.poll(() => threads().filter(({name, nice}) => name !== 'libvips worker' && nice === COSTLY_WORK_NICENESS).length, {timeout: 5_000}).toBe(2)
  const libvips = threads().filter(({name}) => name === 'libvips worker')
  expect(libvips.length).toBeGreaterThan(0)
  expect(libvips.every(({nice}) => nice === COSTLY_WORK_NICENESS)).toBe(true)
})
