import fs from 'node:fs'
import path from 'node:path'
import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {startLakeProcess, temporaryDataDir, type LakeProcess} from '../../../test/lake-process'

// The small endpoints a built Studio calls, in the shapes it reads (see studio-offline.md),
// through the real @sanity/client against a real lake process.

let lake: LakeProcess
let client: SanityClient
let viewer: SanityClient
let anonymous: SanityClient

beforeAll(async () => {
  const dataDir = temporaryDataDir()
  const tokensFile = path.join(dataDir, 'tokens.json')
  const viewerToken = 'viewer-token-0123456789abcdef'
  fs.writeFileSync(tokensFile, JSON.stringify([{name: 'site', role: 'viewer', token: viewerToken}]))
  lake = await startLakeProcess(dataDir, {CONTENT_LAKE_TOKENS_FILE: tokensFile})
  client = lake.client()
  viewer = lake.client({token: viewerToken})
  anonymous = lake.client({token: null})
})

afterAll(async () => {
  await lake?.stop()
})

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => new Error('expected a failure'),
    (error: unknown) => error,
  )

test('/ping and /data/ping/{dataset} answer PONG, readable by any origin’s timings', async () => {
  for (const path of ['/ping', '/v2025-03-01/ping', '/v2025-02-19/data/ping/production']) {
    const response = await fetch(`${lake.url}${path}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('timing-allow-origin')).toBe('*')
    expect(await response.text()).toBe('PONG')
  }
})

test('/auth/providers lists no providers (Studio crashes on a body without the list)', async () => {
  expect(await anonymous.request({url: '/auth/providers'})).toEqual({providers: []})
})

describe('/projects/{projectId}', () => {
  test('is the lake’s project, with the tokens’ users as members', async () => {
    const project = await client.withConfig({apiVersion: '2021-12-15'}).request({url: '/projects/local'})
    expect(project).toMatchObject({id: 'local', displayName: 'local', organizationId: null, features: []})
    expect(project.members).toEqual([
      {id: 'p-local-administrator', role: 'administrator', roles: [{name: 'administrator', title: 'Administrator'}], isRobot: false, isCurrentUser: true},
      {id: 'p-local-site', role: 'viewer', roles: [{name: 'viewer', title: 'Viewer'}], isRobot: false, isCurrentUser: false},
    ])
  })

  test('leaves the members out when asked to', async () => {
    const project = await client.request({url: '/projects/local', query: {includeMembers: 'false', includeOrganization: 'true'}})
    expect(project).not.toHaveProperty('members')
    expect(project.organizationId).toBeNull()
  })

  test('needs a token, and knows no other project', async () => {
    expect(await failure(anonymous.request({url: '/projects/local'}))).toMatchObject({statusCode: 401})
    expect(await failure(client.request({url: '/projects/other'}))).toMatchObject({statusCode: 404})
  })

  test('has no comments add-on dataset', async () => {
    expect(await client.request({url: '/projects/local/datasets?datasetProfile=comments&addonFor=production'})).toEqual([])
  })

  test('has no user applications', async () => {
    expect(await client.request({url: '/projects/local/user-applications'})).toEqual([])
  })

  test('grants nothing at project level: no inviting members, no schema uploads (Studio 6 asks)', async () => {
    expect(await client.request({url: '/projects/local/grants', tag: 'sanity.studio.get-grants'})).toEqual({})
    expect(await failure(client.request({url: '/projects/other/grants'}))).toMatchObject({statusCode: 404})
  })
})

test('/features lists no hosted features', async () => {
  expect(await client.request({url: '/features'})).toEqual([])
})

test('/journey/… answers null: no announcements, trials or upsells', async () => {
  for (const name of ['announcements', 'trial', 'content-releases', 'document-limit']) {
    expect(await client.request({url: `/journey/${name}`, query: {studioVersion: '5.31.2'}})).toBeNull()
  }
})

test('telemetry is declined, and a batch sent anyway is accepted and dropped', async () => {
  expect(await client.request({url: '/intake/telemetry-status'})).toEqual({status: 'denied'})
  expect(await client.request({url: '/intake/batch', method: 'POST', body: [{type: 'log', event: 'x'}]})).toEqual({})
})

test('/schedules/{projectId}/{dataset} has no schedules', async () => {
  expect(await client.request({url: '/schedules/local/production', query: {limit: '1'}})).toEqual({schedules: []})
})

describe('/users/me/keyvalue', () => {
  test('keeps values per user: unset keys are null, PUT echoes and stores', async () => {
    expect(await client.request({url: '/users/me/keyvalue/studio.a,studio.b'})).toEqual([
      {key: 'studio.a', value: null},
      {key: 'studio.b', value: null},
    ])
    const pairs = [{key: 'studio.a', value: {layout: ['list', 'document']}}]
    expect(await client.request({url: '/users/me/keyvalue', method: 'PUT', body: pairs})).toEqual(pairs)
    expect(await client.request({url: '/users/me/keyvalue/studio.a,studio.b'})).toEqual([
      {key: 'studio.a', value: {layout: ['list', 'document']}},
      {key: 'studio.b', value: null},
    ])
    // Another user has settings of their own.
    expect(await viewer.request({url: '/users/me/keyvalue/studio.a'})).toEqual([{key: 'studio.a', value: null}])
  })

  test('refuses a malformed body and callers without a token', async () => {
    expect(await failure(client.request({url: '/users/me/keyvalue', method: 'PUT', body: {key: 'a', value: 1}}))).toMatchObject({statusCode: 400})
    expect(await failure(anonymous.request({url: '/users/me/keyvalue/studio.a'}))).toMatchObject({statusCode: 401})
  })
})
