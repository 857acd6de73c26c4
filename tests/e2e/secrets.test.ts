import fs from 'node:fs'
import path from 'node:path'
import {expect, inject, test} from 'vitest'

const siteUrl = inject('siteUrl')
const dataDir = inject('dataDir')
const ROOT = path.resolve(import.meta.dirname, '..', '..')

function* filesIn(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* filesIn(full)
    else yield full
  }
}

test('@sanity/client and the lake token stay out of the browser bundle and the page', async () => {
  const token = fs.readFileSync(path.join(dataDir, 'content-lake-token'), 'utf8').trim()
  const bundle = [...filesIn(path.join(ROOT, 'public', 'build'))]
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n')
  expect(bundle.length).toBeGreaterThan(0)
  // Strings only @sanity/client contains.
  expect(bundle).not.toContain('useProjectHostname')
  expect(bundle).not.toContain('apicdn.sanity.io')
  expect(bundle).not.toContain(token)

  const html = await (await fetch(`${siteUrl}/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/`)).text()
  expect(html).toContain('Hold On.')
  expect(html).not.toContain(token)
})
