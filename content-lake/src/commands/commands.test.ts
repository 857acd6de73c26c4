import fs from 'node:fs'
import https from 'node:https'
import path from 'node:path'
import {afterEach, expect, test} from 'vitest'
import {runCli} from '../../test/cli-process'
import {startLakeProcess, temporaryDataDir, TEST_TOKEN, type LakeProcess} from '../../test/lake-process'
import {storedDocuments, storeDocuments} from '../../test/stored-documents'

let running: LakeProcess | undefined

afterEach(async () => {
  await running?.stop()
  running = undefined
})

test('import, export and reset refuse while a lake serves the data folder', async () => {
  running = await startLakeProcess()
  await running.client().create({_id: 'kept', _type: 'thing'})
  const file = path.join(temporaryDataDir(), 'one.ndjson')
  fs.writeFileSync(file, `${JSON.stringify({_id: 'new', _type: 'thing'})}\n`)

  for (const args of [
    ['import', file],
    ['export', path.join(temporaryDataDir(), 'out.tar.gz')],
    ['reset', '--yes'],
  ]) {
    const result = await runCli(args, running.dataDir)
    expect(result.code, args[0]).toBe(1)
    expect(result.stderr, args[0]).toMatch(/in use by another content lake \(process \d+\)\. Stop that lake first/)
  }
  expect(fs.existsSync(path.join(running.dataDir, 'production.sqlite'))).toBe(true)
  expect(await running.client().getDocument('kept')).toBeTruthy()
  expect(await running.client().getDocument('new')).toBeUndefined()
})

test('reset deletes nothing without --yes, and only the named dataset with it', async () => {
  const dataDir = temporaryDataDir()
  await storeDocuments(dataDir, [{_id: 'a', _type: 'thing'}])
  await storeDocuments(dataDir, [{_id: 'b', _type: 'thing'}], 'staging')

  const refused = await runCli(['reset'], dataDir)
  expect(refused.code).toBe(1)
  expect(refused.stderr).toContain('Run it again with --yes')
  expect(await storedDocuments(dataDir)).toHaveLength(1)

  const reset = await runCli(['reset', '--dataset', 'staging', '--yes'], dataDir)
  expect(reset.code).toBe(0)
  expect(reset.stdout).toContain('Deleted dataset "staging"')
  expect(fs.existsSync(path.join(dataDir, 'staging.sqlite'))).toBe(false)
  expect(await storedDocuments(dataDir, 'staging')).toEqual([])
  expect(await storedDocuments(dataDir)).toHaveLength(1)
})

test('token prints the configured token, or explains how to get one', async () => {
  const dataDir = temporaryDataDir()
  const configured = await runCli(['token'], dataDir, {CONTENT_LAKE_TOKEN: TEST_TOKEN})
  expect(configured.code).toBe(0)
  expect(configured.stdout).toBe(`${TEST_TOKEN}\n`)

  const missing = await runCli(['token'], dataDir, {CONTENT_LAKE_TOKEN: ''})
  expect(missing.code).toBe(1)
  expect(missing.stderr).toContain('CONTENT_LAKE_TOKEN')
  expect(missing.stderr).toContain('.data/content-lake-token')
})

test('an unknown command or option prints what went wrong', async () => {
  const dataDir = temporaryDataDir()
  const unknown = await runCli(['frobnicate'], dataDir)
  expect(unknown.code).toBe(1)
  expect(unknown.stderr).toContain('Unknown command "frobnicate"')
  expect(unknown.stderr).toContain('Usage: content-lake')

  const option = await runCli(['export', 'x.tar.gz', '--everything'], dataDir)
  expect(option.code).toBe(1)
  expect(option.stderr).toContain("Unknown option '--everything'")
})

function getOverHttps(url: string, ca: Buffer): Promise<{status: number; body: string}> {
  return new Promise((resolve, reject) => {
    https
      .get(url, {ca}, (res) => {
        let body = ''
        res.on('data', (chunk: Buffer) => (body += chunk.toString()))
        res.on('end', () => resolve({status: res.statusCode ?? 0, body}))
      })
      .on('error', reject)
  })
}

test('start reports its HTTPS address over IPC and serves the API there, trusted through the local CA', async () => {
  running = await startLakeProcess()
  expect(running.httpsUrl).toMatch(/^https:\/\/localhost:\d+$/)
  await running.client().create({_id: 'over-tls', _type: 'thing'})
  const ca = fs.readFileSync(path.join(running.dataDir, 'tls', 'ca.pem'))
  const {status, body} = await getOverHttps(`${running.httpsUrl}/v2025-02-19/data/query/production?query=*._id`, ca)
  expect(status).toBe(200)
  expect(JSON.parse(body).result).toEqual(['over-tls'])
})
