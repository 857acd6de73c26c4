import fs from 'node:fs'
import path from 'node:path'
import {afterAll, expect, test} from 'vitest'
import {startLakeProcess, temporaryDataDir, type LakeProcess} from '../../test/lake-process'
import {DataDirInUseError, lockDataDir} from './data-dir-lock'

let running: LakeProcess | undefined

afterAll(async () => {
  await running?.stop()
})

test('a second lake cannot open a data folder that a running lake owns', async () => {
  const dataDir = temporaryDataDir()
  running = await startLakeProcess(dataDir)
  await expect(startLakeProcess(dataDir)).rejects.toThrow(/exited during start-up/)
  expect(() => lockDataDir(dataDir)).toThrow(DataDirInUseError)
  // The first lake is unharmed.
  await expect(running.client().create({_id: 'still-here', _type: 'thing'})).resolves.toBeTruthy()
})

test('a lock left by a crashed lake is taken over', () => {
  const dataDir = temporaryDataDir()
  // A pid that cannot be running: above the kernel's limit.
  fs.writeFileSync(path.join(dataDir, 'lake.lock'), '4194305')
  const unlock = lockDataDir(dataDir)
  expect(fs.readFileSync(path.join(dataDir, 'lake.lock'), 'utf8')).toBe(String(process.pid))
  unlock()
  expect(fs.existsSync(path.join(dataDir, 'lake.lock'))).toBe(false)
})
