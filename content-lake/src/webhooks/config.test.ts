import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {ConfigError, configFromEnv} from '../config'
import {loadWebhooks, parseWebhooks} from './config'

const url = 'https://example.com/hook'

test("a minimal webhook gets Sanity's defaults", () => {
  const [webhook] = parseWebhooks([{name: 'purge', url}])
  expect(webhook).toMatchObject({
    name: 'purge',
    filter: null,
    projection: null,
    includeDrafts: false,
    includeAllVersions: false,
    httpMethod: 'POST',
    headers: {},
    maxAttempts: 8,
    timeoutMs: 10_000,
  })
  expect(webhook!.url.href).toBe(url)
  expect([...webhook!.on]).toEqual(['create', 'update', 'delete'])
  expect(webhook!.dataset).toBeUndefined()
  expect(webhook!.secret).toBeUndefined()
})

test('filter and projection are parsed in delta mode, so before(), after() and delta:: work', () => {
  const [webhook] = parseWebhooks([
    {name: 'spam', url, filter: '_type == "comment" && delta::changedAny(status)', projection: '{_id, "was": before().status, "is": after().status}'},
  ])
  expect(webhook!.filter?.type).toBe('And')
  expect(webhook!.projection?.type).toBe('Object')
  // Empty strings mean "every document" and "the whole document", as in Sanity's form.
  expect(parseWebhooks([{name: 'all', url, filter: ' ', projection: ''}])[0]).toMatchObject({filter: null, projection: null})
})

describe('errors name the webhook and the field', () => {
  test.each([
    [{name: 'a', url, filter: '_type =='}, 'webhook "a": filter is not valid GROQ'],
    [{name: 'a', url, filter: '*[_type == "post"]'}, 'webhook "a": filter must be the expression inside *[…]'],
    [{name: 'a', url, projection: '{_id'}, 'webhook "a": projection is not valid GROQ'],
    [{name: 'a', url, filter: 42}, 'webhook "a": filter must be a GROQ string'],
    [{name: 'a', url: 'ftp://example.com'}, 'webhook "a": url must be an http(s) URL'],
    [{name: 'a', url: '/relative'}, 'webhook "a": url must be an absolute http(s) URL'],
    [{name: 'a', url, dataset: 'Production'}, 'webhook "a": dataset must be a dataset name'],
    [{name: 'a', url, on: []}, 'webhook "a": on must be a non-empty array'],
    [{name: 'a', url, on: ['publish']}, 'webhook "a": on must be a non-empty array'],
    [{name: 'a', url, includeDrafts: 'yes'}, 'webhook "a": includeDrafts must be true or false'],
    [{name: 'a', url, httpMethod: 'post'}, 'webhook "a": httpMethod must be one of POST, PUT, PATCH, DELETE, GET'],
    [{name: 'a', url, headers: ['x']}, 'webhook "a": headers must be an object'],
    [{name: 'a', url, headers: {'sanity-dataset': 'x'}}, 'webhook "a": headers["sanity-dataset"] is set by the lake'],
    [{name: 'a', url, headers: {'Content-Type': 'text/plain'}}, 'webhook "a": headers["Content-Type"] is set by the lake'],
    [{name: 'a', url, headers: {'x-token': 'a\nb'}}, 'webhook "a": headers["x-token"] is not a valid HTTP header'],
    [{name: 'a', url, headers: {'x-token': 1}}, 'webhook "a": headers["x-token"] must be a string'],
    [{name: 'a', url, secret: ''}, 'webhook "a": secret must not be empty'],
    [{name: 'a', url, apiVersion: '2021-03-24'}, 'webhook "a": apiVersion must be v2021-03-25 or later'],
    [{name: 'a', url, apiVersion: 'latest'}, 'webhook "a": apiVersion must look like'],
    [{name: 'a', url, maxAttempts: 0}, 'webhook "a": maxAttempts must be a whole number from 1 to 20'],
    [{name: 'a', url, timeoutMs: 1.5}, 'webhook "a": timeoutMs must be a whole number'],
    [{name: 'a', url, filer: '_type == "post"'}, 'webhook "a": filer is not a webhook field'],
    [{url}, 'webhook number 1: name must be'],
    ['a', 'webhook number 1 must be an object'],
  ])('%j', (webhook, message) => {
    expect(() => parseWebhooks([webhook])).toThrow(message)
  })

  test('names are unique', () => {
    expect(() =>
      parseWebhooks([
        {name: 'a', url},
        {name: 'a', url},
      ]),
    ).toThrow('webhook "a": name is used by more than one webhook')
  })
})

test('apiVersion, description and a dataset are accepted', () => {
  const [webhook] = parseWebhooks([{name: 'a', url, apiVersion: 'v2025-02-19', description: 'Purges the CDN', dataset: 'production'}])
  expect(webhook!.dataset).toBe('production')
})

test('CONTENT_LAKE_WEBHOOKS_FILE is read at start; a bad file is a ConfigError naming the variable', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webhooks-config-'))
  const file = path.join(dir, 'webhooks.json')
  fs.writeFileSync(file, JSON.stringify([{name: 'purge', url}]))
  expect(configFromEnv({CONTENT_LAKE_WEBHOOKS_FILE: file}).webhooks.map((w) => w.name)).toEqual(['purge'])
  expect(configFromEnv({}).webhooks).toEqual([])

  fs.writeFileSync(file, '[{"name": "purge",')
  expect(() => configFromEnv({CONTENT_LAKE_WEBHOOKS_FILE: file})).toThrow(ConfigError)
  expect(() => loadWebhooks(file)).toThrow('is not valid JSON')
  fs.writeFileSync(file, '{"name": "purge"}')
  expect(() => configFromEnv({CONTENT_LAKE_WEBHOOKS_FILE: file})).toThrow(`CONTENT_LAKE_WEBHOOKS_FILE (${file}): must hold a JSON array of webhooks`)
  expect(() => loadWebhooks(path.join(dir, 'missing.json'))).toThrow('cannot be read')
})
