import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {expect, test} from 'vitest'
import {readStackFile, recordInStackFile, stackFilePath, writeStackFile} from './stack-file'

test('services add their addresses one by one; a new run starts from a clean file', () => {
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stack-file-')), 'nested')
  expect(readStackFile(dataDir)).toEqual({})
  writeStackFile(dataDir, {})
  recordInStackFile(dataDir, {lakeUrl: 'http://127.0.0.1:3334', akismetUrl: 'http://127.0.0.1:1'})
  recordInStackFile(dataDir, {siteUrl: 'http://localhost:3000', akismetUrl: 'http://127.0.0.1:2'})
  expect(JSON.parse(fs.readFileSync(stackFilePath(dataDir), 'utf8'))).toEqual({
    lakeUrl: 'http://127.0.0.1:3334',
    akismetUrl: 'http://127.0.0.1:2',
    siteUrl: 'http://localhost:3000',
  })
  writeStackFile(dataDir, {siteUrl: 'http://localhost:4000'})
  expect(readStackFile(dataDir)).toEqual({siteUrl: 'http://localhost:4000'})
  expect(fs.readdirSync(dataDir)).toEqual(['stack.json'])
})
