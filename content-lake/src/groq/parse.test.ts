import fs from 'node:fs'
import path from 'node:path'
import {isDeepStrictEqual} from 'node:util'
import {gunzipSync} from 'node:zlib'
import {parse} from 'groq-js'
import {expect, test} from 'vitest'
import {SITE_QUERIES} from '../../test/blog-dataset'
import {QueryLimitError} from './limits'
import {parseQuery, QueryParseError} from './parse'

/**
 * Query texts are parsed once per thread and their parameters put in afterwards: every tree
 * must be the one groq-js makes when given the parameters, the first time a text is seen and
 * every time after, whatever other parameters it was seen with.
 */

const LIMITS = {maxQueryBytes: 256 * 1024}

interface SuiteTest {
  _type: 'test'
  query: string
  params: Record<string, unknown> | null
}

const suite = gunzipSync(fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'test', 'groq-test-suite', 'suite.ndjson.gz')))
  .toString('utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as SuiteTest | {_type: 'dataset'})
  .filter((entry): entry is SuiteTest => entry._type === 'test')

/** groq-js's own tree, or the error it throws. */
function groqJs(query: string, params: Record<string, unknown>): {tree: unknown} | {error: unknown} {
  try {
    return {tree: parse(query, {params})}
  } catch (error) {
    return {error}
  }
}

function lake(query: string, params: Record<string, unknown>): {tree: unknown} | {error: unknown} {
  try {
    return {tree: parseQuery(query, params, LIMITS)}
  } catch (error) {
    return {error}
  }
}

/** What differs from groq-js, or null: the lake refuses only what groq-js refuses, a missing parameter, and a costly tree. */
function difference(query: string, params: Record<string, unknown>): string | null {
  const expected = groqJs(query, params)
  const actual = lake(query, params)
  if ('tree' in expected && 'tree' in actual) return isDeepStrictEqual(actual.tree, expected.tree) ? null : 'another tree'
  if ('error' in expected) return 'error' in actual && actual.error instanceof QueryParseError ? null : 'no QueryParseError where groq-js fails'
  const error = (actual as {error: unknown}).error
  const refused = (error instanceof QueryParseError && /referenced, but not provided/.test(error.message)) || error instanceof QueryLimitError
  return refused ? null : `refused: ${String(error)}`
}

/** Other values of the same types, so that a tree kept from the first parse is put to the test. */
function otherValues(params: Record<string, unknown>): Record<string, unknown> {
  const other = (value: unknown): unknown =>
    typeof value === 'number' ? value + 1 : typeof value === 'string' ? `${value}x` : Array.isArray(value) ? [...value].reverse() : value
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, other(value)]))
}

test('every query of the GROQ conformance suite parses to groq-js’s tree: first, again, and with other values', () => {
  const differences: string[] = []
  for (const {query, params} of suite) {
    for (const values of [params ?? {}, params ?? {}, otherValues(params ?? {})]) {
      const found = difference(query, values)
      if (found) differences.push(`${found}: ${query.slice(0, 80)} ${JSON.stringify(values).slice(0, 80)}`)
    }
  }
  expect(suite.length).toBeGreaterThan(500)
  expect(differences).toEqual([])
})

test('the site’s and Studio’s queries parse to groq-js’s tree with each reader’s parameters', () => {
  for (const {query, params} of Object.values(SITE_QUERIES)) {
    for (const values of [params, otherValues(params), params]) expect(lake(query, values)).toEqual(groqJs(query, values))
  }
})

test('parameters whose values shape the tree (slices, brackets, object keys, custom functions) are parsed with them', () => {
  const cases: [string, Record<string, unknown>[]][] = [
    [
      '*[_type == "post"] | order(_id)[$start...$end]',
      [
        {start: 0, end: 2},
        {start: 2, end: 4},
        {start: 0, end: 2},
      ],
    ],
    ['*[_type == "post"][0][$at]', [{at: 0}, {at: 'title'}, {at: true}, {at: 1}]],
    ['[1, 2, 3][$at + 1]', [{at: 0}, {at: 1}]],
    ['{$key: 1}', [{key: 'a'}, {key: 'b'}]],
    ['fn ex::named($x) = $x{name}; ex::named(*[0])', [{}, {x: 1}]],
  ]
  for (const [query, values] of cases) {
    for (const params of values) expect(difference(query, params), `${query} ${JSON.stringify(params)}`).toBeNull()
  }
})

test('a kept tree is never changed: each caller’s values go into a copy', () => {
  const query = '{"post": *[_type == $type && slug.current == $slug][0]{title, "asked": $slug}, "authors": count(*[_type == "author"])}'
  const first = parseQuery(query, {type: 'post', slug: 'one'}, LIMITS)
  const second = parseQuery(query, {type: 'post', slug: 'two'}, LIMITS)
  expect(first).toEqual(parse(query, {params: {type: 'post', slug: 'one'}}))
  expect(second).toEqual(parse(query, {params: {type: 'post', slug: 'two'}}))
  // Parts without parameters are shared, not copied.
  const attributes = (tree: unknown) => (tree as {attributes: unknown[]}).attributes
  expect(attributes(second)[1]).toBe(attributes(first)[1])
  expect(attributes(second)[0]).not.toBe(attributes(first)[0])
})

test('a parameter left out is refused every time, as the hosted API does', () => {
  const query = '*[_type == $type][0...$limit]'
  const refused = () => parseQuery('*[_type == $type && title == $title]', {type: 'post'}, LIMITS)
  for (let i = 0; i < 2; i++) expect(refused).toThrow(/param \$title referenced, but not provided/)
  expect(() => parseQuery(query, {type: 'post'}, LIMITS)).toThrow(QueryParseError)
  expect(parseQuery(query, {type: 'post', limit: 2}, LIMITS)).toEqual(parse(query, {params: {type: 'post', limit: 2}}))
})
