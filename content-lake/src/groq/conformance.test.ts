import {isDeepStrictEqual} from 'node:util'
import fs from 'node:fs'
import path from 'node:path'
import {gunzipSync} from 'node:zlib'
import {evaluate, parse} from 'groq-js'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {startLakeProcess, TEST_TOKEN, temporaryDataDir, type LakeProcess} from '../../test/lake-process'
import {configFromEnv} from '../config'
import {ContentLake} from '../lake'
import type {SanityDocument} from '../types'

/**
 * The official GROQ conformance suite (sanity-io/groq-test-suite, compiled to NDJSON), run
 * over HTTP against /data/query exactly as a client would, with the same selection of tests
 * that groq-js runs against itself: GROQ 1.2, its supported features, no perf tests.
 */

interface SuiteDataset {
  _type: 'dataset'
  _id: string
  documents?: SanityDocument[]
}

interface SuiteTest {
  _type: 'test'
  name: string
  filename: string
  query: string
  params: Record<string, unknown> | null
  result: unknown
  valid: boolean
  version?: string
  features: string[]
  dataset: {_ref: string}
}

const SUPPORTED_FEATURES = new Set(['portableText', 'contentReleases', 'internalDocuments', 'customFunctions'])
// groq-js leaves these out of its own run: too slow, undefined parameters, and score() validation.
const DISABLED = [/^Filters \/ documents, nested 3$/, /^Parameters \/ Undefined$/, /^score\(\) function \/ Illegal use/]

/**
 * Where groq-js 2.0.1, which evaluates the lake's queries, disagrees with the suite. Each
 * pattern must still match a failure, so that a fix upstream is noticed here.
 */
const KNOWN_FAILURES = [
  {
    pattern: /path\([^)]*\) in path\(/,
    reason: 'groq-js does not implement `path(…) in path(…)` between two path values (GROQ 1.2)',
  },
  {
    pattern: /^array::unique\(\) function \//,
    reason: 'groq-js’s array::unique keeps arrays of mixed types (with null, booleans, objects) as they are',
  },
]

const entries = gunzipSync(fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'test', 'groq-test-suite', 'suite.ndjson.gz')))
  .toString('utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as SuiteDataset | SuiteTest)

const datasets = new Map(entries.filter((e): e is SuiteDataset => e._type === 'dataset').map((d) => [d._id, d]))

function applies(t: SuiteTest): boolean {
  return (
    t.version !== '0.1' &&
    t.features.every((feature) => SUPPORTED_FEATURES.has(feature)) &&
    !/perf/.test(t.filename) &&
    !DISABLED.some((pattern) => pattern.test(t.name)) &&
    datasets.get(t.dataset._ref)?.documents !== undefined
  )
}

const tests = entries.filter((e): e is SuiteTest => e._type === 'test' && applies(e))

// Scores are implementation-defined; the suite compares the rank order they give.
function replaceScoreWithPos(value: unknown): unknown {
  const scored: Record<string, unknown>[] = []
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit)
    else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>
      if (typeof record._score === 'number') scored.push(record)
      Object.values(record).forEach(visit)
    }
  }
  visit(value)
  const ranks = [...new Set(scored.map((r) => r._score as number))].sort((a, b) => b - a)
  for (const record of scored) {
    record._pos = ranks.indexOf(record._score as number) + 1
    delete record._score
  }
  return value
}

let lake: LakeProcess

beforeAll(async () => {
  // Datasets are loaded raw (no _rev/_createdAt), as the suite expects, then served by a real lake process.
  const dataDir = temporaryDataDir()
  const loader = new ContentLake({...configFromEnv({}), dataDir})
  for (const dataset of datasets.values()) {
    if (dataset.documents) {
      loader.importDocuments(dataset._id, dataset.documents, {mode: 'replace', systemFields: false})
    }
  }
  loader.close()
  // The suite's issue-542 tests match 100 KB string literals, past the lake's default query size limit.
  lake = await startLakeProcess(dataDir, {CONTENT_LAKE_QUERY_MAX_BYTES: String(128 * 1024)})
}, 120_000)

afterAll(async () => {
  await lake?.stop()
})

async function run(t: SuiteTest): Promise<boolean> {
  const search = new URLSearchParams({query: t.query, perspective: 'raw'})
  for (const [name, value] of Object.entries(t.params ?? {})) search.set(`$${name}`, JSON.stringify(value))
  let url = `${lake.url}/v2025-02-19/data/query/${t.dataset._ref}?${search}`
  let init: RequestInit | undefined
  if (url.length > 10_000) {
    // As the client does with long queries: query and params move into a POST body.
    url = `${lake.url}/v2025-02-19/data/query/${t.dataset._ref}?perspective=raw`
    init = {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({query: t.query, params: t.params ?? {}})}
  }
  // With a token: the suite's datasets hold ids in paths (drafts, releases), private to anonymous readers.
  const response = await fetch(url, {...init, headers: {...init?.headers, authorization: `Bearer ${TEST_TOKEN}`}})
  const body = (await response.json()) as {result?: unknown}
  if (!t.valid) return response.status === 400
  return response.status === 200 && isDeepStrictEqual(replaceScoreWithPos(body.result), t.result)
}

// The baseline: the same tests through groq-js in this process, on the same documents.
async function runInProcess(t: SuiteTest): Promise<boolean> {
  const params = t.params ?? {}
  let tree: ReturnType<typeof parse>
  try {
    tree = parse(t.query, {params})
  } catch {
    return !t.valid
  }
  if (!t.valid) return false
  const dataset = [...(datasets.get(t.dataset._ref)?.documents ?? [])].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
  try {
    const result = await (await evaluate(tree, {dataset, params})).get()
    return isDeepStrictEqual(replaceScoreWithPos(JSON.parse(JSON.stringify(result ?? null))), t.result)
  } catch {
    return false
  }
}

async function failuresOf(check: (t: SuiteTest) => Promise<boolean>): Promise<string[]> {
  const failures: string[] = []
  let next = 0
  const worker = async () => {
    while (next < tests.length) {
      const t = tests[next++]!
      if (!(await check(t))) failures.push(`${t.name} :: ${t.query.replace(/\s+/g, ' ').trim().slice(0, 80)}`)
    }
  }
  await Promise.all(Array.from({length: 8}, worker))
  return failures.sort()
}

test('the GROQ conformance suite passes over HTTP wherever groq-js passes it in process', async () => {
  const overHttp = await failuresOf(run)
  const inProcess = await failuresOf(runInProcess)
  console.log(
    `GROQ suite (${tests.length} tests that apply): over HTTP ${tests.length - overHttp.length} passed; ` +
      `groq-js in process ${tests.length - inProcess.length} passed`,
  )
  expect(overHttp.filter((failure) => !inProcess.includes(failure))).toEqual([])
  expect(tests.length - overHttp.length).toBeGreaterThanOrEqual(tests.length - inProcess.length)
  expect(overHttp.filter((failure) => !KNOWN_FAILURES.some(({pattern}) => pattern.test(failure)))).toEqual([])
  for (const {pattern, reason} of KNOWN_FAILURES) {
    expect(
      overHttp.some((failure) => pattern.test(failure)),
      `no longer fails: ${reason}`,
    ).toBe(true)
  }
}, 300_000)
