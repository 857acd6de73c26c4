import {createClient} from '@sanity/client'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {runCli} from '../../test/cli-process'
import {type LakeProcess, startLakeProcess, TEST_TOKEN} from '../../test/lake-process'

// A practice gives each clinician their own Studio sign-in while the lake runs, and takes it away.

let lake: LakeProcess

beforeAll(async () => {
  lake = await startLakeProcess()
})

afterAll(async () => {
  await lake?.stop()
})

const clientWith = (token: string) =>
  createClient({projectId: 'local', dataset: 'production', apiVersion: '2025-02-19', apiHost: lake.url, useProjectHostname: false, useCdn: false, token})

test('users add prints a one-time sign-in that works at once with its role; users remove ends it, all without a restart', async () => {
  const added = await runCli(['users', 'add', 'alex', '--role', 'editor', '--studio-url', 'https://studio.example.org/'], lake.dataDir)
  expect(added.stderr).toBe('')
  expect(added.code).toBe(0)
  const token = /https:\/\/studio\.example\.org\/#token=(\S+)/.exec(added.stdout)?.[1]
  expect(token).toBeDefined()

  const alex = clientWith(token!)
  // The running lake reads the users file again within a second.
  await expect
    .poll(() => alex.request({url: '/users/me'}).catch(() => null), {timeout: 3_000})
    .toMatchObject({id: 'p-local-alex', name: 'alex', role: 'editor'})
  const created = await alex.create({_id: 'by-alex', _type: 'note'})
  expect(await lake.client().fetch('*[_id == "by-alex"][0]._rev')).toBe(created._rev)
  // History names the person who made the change.
  const history = await fetch(`${lake.url}/v2025-02-19/data/history/production/transactions/by-alex?excludeContent=true`, {
    headers: {authorization: `Bearer ${TEST_TOKEN}`},
  })
  const entry = JSON.parse((await history.text()).trim().split('\n')[0]!) as {author: string}
  expect(entry!.author).toBe('p-local-alex')

  const viewer = await runCli(['users', 'add', 'sam', '--role', 'viewer'], lake.dataDir)
  const samToken = /#token=(\S+)|token: (\S+)/.exec(viewer.stdout)!.slice(1).find(Boolean)!
  const sam = clientWith(samToken)
  await expect.poll(() => sam.request({url: '/users/me'}).catch(() => null), {timeout: 3_000}).toMatchObject({name: 'sam', role: 'viewer'})
  await expect(sam.create({_id: 'by-sam', _type: 'note'})).rejects.toMatchObject({statusCode: 403})

  const listed = await runCli(['users', 'list'], lake.dataDir)
  expect(listed.stdout).toBe('alex\teditor\tp-local-alex\nsam\tviewer\tp-local-sam\n')

  const removed = await runCli(['users', 'remove', 'alex'], lake.dataDir)
  expect(removed.code).toBe(0)
  await expect
    .poll(
      () =>
        alex.request({url: '/users/me'}).then(
          () => 200,
          (error: {statusCode?: number}) => error.statusCode,
        ),
      {timeout: 3_000},
    )
    .toBe(401)
  // Sam is untouched.
  expect(await sam.request({url: '/users/me'})).toMatchObject({name: 'sam'})
})

test('users refuses what it cannot do, saying why', async () => {
  const unknown = await runCli(['users', 'remove', 'nobody'], lake.dataDir)
  expect(unknown.code).toBe(1)
  expect(unknown.stderr).toContain('There is no user "nobody"')
  const reader = await runCli(['users', 'add', 'pat', '--role', 'reader'], lake.dataDir)
  expect(reader.code).toBe(1)
  expect(reader.stderr).toContain('--role must be editor, viewer or administrator')
})
