import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {createSanityClient} from '../../app/sanity/client.server'
import {seedContent} from '../../seed/seed-content'
import {
  type BuiltService,
  type LakeTokens,
  makeProductionTree,
  onlySettings,
  type ProductionTree,
  startFromBuild,
  writeLakeTokens,
} from '../support/production-tree'
import {freePort} from '../support/stack'

// docs/deploying.md's production build and run: `npm run build`, a production install, then
// `npm run serve:lake` and `npm run serve` with the settings an owner writes, nothing else.

const POST_PATH = '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/'

let tree: ProductionTree
let tokens: LakeTokens
let lake: BuiltService
let site: BuiltService
let siteUrl: string
let lakeUrl: string

beforeAll(async () => {
  tree = makeProductionTree()
  const dataDir = path.join(tree.root, 'lake-data')
  tokens = writeLakeTokens(tree.root)
  const [lakePort, sitePort] = [await freePort(), await freePort()]
  lakeUrl = `http://127.0.0.1:${lakePort}`
  lake = await startFromBuild(
    tree,
    'serve:lake',
    {
      CONTENT_LAKE_PORT: String(lakePort),
      CONTENT_LAKE_HTTPS_PORT: 'off',
      CONTENT_LAKE_DATA_DIR: dataDir,
      CONTENT_LAKE_TOKEN: tokens.administrator,
      CONTENT_LAKE_TOKENS_FILE: tokens.file,
    },
    `${lakeUrl}/readyz`,
  )
  await seedContent(
    createSanityClient(
      {mode: 'local', projectId: 'local', dataset: 'production', apiVersion: '2025-02-19', apiHost: lakeUrl, useProjectHostname: false, useCdn: false},
      tokens.administrator,
    ),
  )
  siteUrl = `http://localhost:${sitePort}`
  site = await startFromBuild(
    tree,
    'serve',
    {
      PORT: String(sitePort),
      SITE_URL: siteUrl,
      SESSION_SECRET: 'a-production-session-secret-of-32-characters-or-more',
      CONTENT_LAKE_URL: lakeUrl,
      SANITY_API_WRITE_TOKEN: tokens.site,
      CONTENT_LAKE_READER_TOKEN: tokens.reader,
    },
    `${siteUrl}/readyz`,
  )
}, 300_000)

afterAll(async () => {
  await site?.stop()
  await lake?.stop()
  tree?.remove()
})

test('the production install holds no TypeScript loader or build tool, and the built site and lake run on plain node', () => {
  const resolve = (name: string, from: string) =>
    spawnSync(process.execPath, ['-e', `require.resolve(${JSON.stringify(name)})`], {cwd: path.join(tree.root, from)}).status
  for (const name of ['tsx', 'esbuild', 'typescript', '@remix-run/dev', 'vitest', 'sanity']) {
    expect(resolve(name, '.'), `${name} is installed`).not.toBe(0)
    expect(resolve(name, 'content-lake'), `${name} is installed for the lake`).not.toBe(0)
  }
  // What production runs needs them, so they are there.
  expect(resolve('express', '.')).toBe(0)
  expect(resolve('better-sqlite3', 'content-lake')).toBe(0)

  for (const [service, entry] of [
    [site, 'dist/server.js'],
    [lake, 'content-lake/dist/cli.mjs'],
  ] as const) {
    const node = service.nodeProcess()
    // No --import/--require/--loader: the file itself, JavaScript, is what runs.
    expect(node.argv.slice(1)).toEqual(['--enable-source-maps', entry, ...(entry.includes('cli') ? ['start'] : [])])
    expect(node.env.NODE_OPTIONS).toBeUndefined()
    expect(node.env.NODE_ENV).toBe('production')
  }
  // The stand-ins for Akismet, mail and sign-in are not part of what production runs.
  expect(fs.readFileSync(path.join(tree.root, 'dist', 'server.js'), 'utf8')).not.toContain('stand-ins')
})

test('the built site serves the post from the built lake, and a comment sent to it is held', async () => {
  const page = await fetch(`${siteUrl}${POST_PATH}`)
  expect(page.status).toBe(200)
  const html = await page.text()
  expect(html.includes('Sexual surrogacy involves sex surrogates'), "the post's text is on its page").toBe(true)
  const formToken = /name="formToken" value="([^"]+)"/.exec(html)?.[1]
  expect(formToken).toBeDefined()

  const text = `Written to the production build at ${Date.now()}.`
  const posted = await fetch(`${siteUrl}${POST_PATH}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {Origin: siteUrl},
    body: new URLSearchParams({formToken: formToken!, name: 'A reader', email: 'reader@example.com', body: text}),
  })
  expect(posted.status).toBe(303)

  const admin = createSanityClient(
    {mode: 'local', projectId: 'local', dataset: 'production', apiVersion: '2025-02-19', apiHost: lakeUrl, useProjectHostname: false, useCdn: false},
    tokens.administrator,
  )
  const stored = await admin.fetch<{status: string}[]>('*[_type == "comment" && body == $text]{status}', {text})
  // No Akismet key is set: the comment waits for a moderator, as on any site without one.
  expect(stored).toEqual([{status: 'pending'}])
  expect(await (await fetch(`${siteUrl}${POST_PATH}`)).text()).not.toContain(text)
  expect(site.output()).toContain('AKISMET_KEY')
})

test('a public address without its own session secret stops the built site with a message naming the setting', async () => {
  const result = spawnSync('npm', ['run', '--silent', 'serve'], {
    cwd: tree.root,
    env: onlySettings({PORT: String(await freePort()), SITE_URL: 'https://blog.example.org', CONTENT_LAKE_URL: lakeUrl, SANITY_API_WRITE_TOKEN: tokens.site}),
    timeout: 30_000,
    encoding: 'utf8',
  })
  expect(result.status).toBe(1)
  expect(result.stderr).toContain('SESSION_SECRET must be set on a public deployment')
})

test('the built site does not start without its public address', async () => {
  const result = spawnSync('npm', ['run', '--silent', 'serve'], {
    cwd: tree.root,
    env: onlySettings({PORT: String(await freePort()), CONTENT_LAKE_URL: lakeUrl, SANITY_API_WRITE_TOKEN: tokens.site, SESSION_SECRET: 'x'.repeat(40)}),
    timeout: 30_000,
    encoding: 'utf8',
  })
  expect(result.status).toBe(1)
  expect(result.stderr).toContain('SITE_URL must be set')
})
