import {expect, test} from 'vitest'
import type {AttackRecord} from './attackers'
import {ATTACKS, type Attack, handled} from './attacks'
import type {HonestRecord} from './honest'
import {attackRows, honestRows, renderReport, type Results, targets} from './report'
import type {Outcome} from './requests'

const attack = (kind: string, extra: Partial<Attack> = {}): Attack => ({
  kind,
  budgetMs: 1000,
  perRound: 1,
  send: () => Promise.reject(new Error('not sent in this test')),
  ...extra,
})
const query = attack('query')
const image = attack('image', {alsoAccepts: (status) => status < 400})

test('an abusive request is handled by a refusal, a 503 or a closed connection within budget', () => {
  expect(handled(query, {ms: 5, status: 400})).toBe(true)
  expect(handled(query, {ms: 5, status: 413})).toBe(true)
  expect(handled(query, {ms: 5, status: 503})).toBe(true)
  expect(handled(query, {ms: 5, failure: 'closed'})).toBe(true)
})

test('evaluating it, failing with a 500, refusing too late, hanging or being down is not handling it', () => {
  expect(handled(query, {ms: 5, status: 200})).toBe(false)
  expect(handled(query, {ms: 5, status: 500})).toBe(false)
  expect(handled(query, {ms: 1500, status: 400})).toBe(false)
  expect(handled(query, {ms: 6000, failure: 'hang'})).toBe(false)
  expect(handled(query, {ms: 1, failure: 'refused'})).toBe(false)
})

test('a kind may accept more answers: a rendered image is an answer', () => {
  expect(handled(image, {ms: 5, status: 200})).toBe(true)
  expect(handled(query, {ms: 5, status: 200})).toBe(false)
})

test('a listener refused inside its stream (200, then a channelError event) is handled; one that opens is not', () => {
  const listen = ATTACKS.find((kind) => kind.kind.startsWith('listen'))!
  expect(handled(listen, {ms: 5, status: 200, text: 'event: channelError\ndata: {"message":"too deep"}\n\n'})).toBe(true)
  expect(handled(listen, {ms: 5, status: 200, text: 'event: welcome\ndata: {}\n\n'})).toBe(false)
})

const records = (kind: Attack, outcomes: Outcome[]): AttackRecord[] => outcomes.map((outcome) => ({attack: kind, outcome}))

test('attack rows count answers, hangs, server errors and mishandled requests per kind', () => {
  const rows = attackRows([
    ...records(query, [
      {ms: 10, status: 400},
      {ms: 20, status: 400},
      {ms: 6000, failure: 'hang'},
      {ms: 30, status: 500},
    ]),
    ...records(image, [{ms: 100, status: 200}]),
  ])
  expect(rows).toEqual([
    {kind: 'image', count: 1, statuses: '200×1', p50: 100, p95: 100, max: 100, budgetMs: 1000, hangs: 0, serverErrors: 0, mishandled: 0},
    {kind: 'query', count: 4, statuses: '400×2 500×1 hang×1', p50: 30, p95: 6000, max: 6000, budgetMs: 1000, hangs: 1, serverErrors: 1, mishandled: 2},
  ])
})

const honest = (kind: string, latencies: number[], ok = true): HonestRecord[] => latencies.map((ms) => ({kind, result: {outcome: {ms, status: 200}, ok}}))
const limits = {slowdown: 3, floorMs: 20, rssMiB: {lake: 500, site: 400}}

function results(overrides: Partial<Results> = {}): Results {
  return {
    environment: 'test',
    limits,
    honestCount: 2,
    honest: {rest: honest('page', [40, 50]), attack: honest('page', [100, 140])},
    attacks: records(query, [{ms: 10, status: 400}]),
    rss: {rest: {lake: 100, site: 90}, attack: {lake: 300, site: 200}, highWater: {lake: 310, site: 210}},
    writes: {
      acknowledged: 3,
      acknowledgedMissing: [],
      commentsAccepted: 2,
      commentsMissing: [],
      commentsRefused: 1,
      refusedWithoutText: 0,
      commentsUnanswered: 0,
      writesUnanswered: 0,
    },
    datasets: {before: 1, after: 1},
    timeLimitHit: false,
    ...overrides,
  }
}

test('honest rows compare p95 under attack with p95 at rest', () => {
  const [row] = honestRows(results())
  expect(row).toMatchObject({kind: 'page', rest: {count: 2, p95: 50}, attack: {count: 2, p95: 140}, ratio: 2.8, pass: true})
  expect(honestRows(results({honest: {rest: honest('page', [40, 50]), attack: honest('page', [100, 160])}}))[0]!.pass).toBe(false)
})

test('an honest kind fails when probes went unanswered as expected, or were not all run', () => {
  expect(honestRows(results({honest: {rest: honest('page', [40, 50]), attack: honest('page', [10, 10], false)}}))[0]!.pass).toBe(false)
  expect(honestRows(results({honest: {rest: honest('page', [40, 50]), attack: honest('page', [10])}}))[0]!.pass).toBe(false)
})

test('every target passes when every figure is within it', () => {
  expect(targets(results()).filter((check) => !check.pass)).toEqual([])
})

test('each broken promise fails its own target', () => {
  const failing = (overrides: Partial<Results>) =>
    targets(results(overrides))
      .filter((check) => !check.pass)
      .map((check) => check.name)
  expect(failing({rss: {rest: {lake: 100, site: 90}, attack: {lake: 501, site: 200}, highWater: {lake: 501, site: 210}}})).toEqual(['lake peak RSS ≤ 500 MiB'])
  expect(failing({writes: {...results().writes, acknowledgedMissing: ['doc-1']}})).toEqual(['zero acknowledged lake writes lost'])
  expect(failing({writes: {...results().writes, refusedWithoutText: 1}})).toEqual(['zero comments lost'])
  expect(failing({writes: {...results().writes, commentsUnanswered: 1}})).toEqual(['zero comments lost'])
  expect(failing({writes: {...results().writes, error: 'the lake answered hang to the check'}})).toEqual([
    'zero acknowledged lake writes lost',
    'zero comments lost',
  ])
  expect(failing({attacks: records(query, [{ms: 6000, failure: 'hang'}])})).toEqual([
    'every abusive request refused (4xx, 503 or closed) within its budget, none hung',
  ])
  expect(failing({datasets: {before: 1, after: 4}})).toEqual(['no datasets created by anonymous reads'])
  expect(failing({timeLimitHit: true})).toEqual(['finished within the time limit'])
})

test('the report prints a PASS or FAIL line per target', () => {
  const report = renderReport(results({datasets: {before: 1, after: 2}}))
  expect(report).toContain('PASS  lake peak RSS ≤ 500 MiB — 300 MiB')
  expect(report).toContain('FAIL  no datasets created by anonymous reads — 1 created')
  expect(report).toContain('| query | 1 | 400×1 |')
})
