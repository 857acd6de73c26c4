import type {AttackRecord} from './attackers'
import {handled} from './attacks'
import type {HonestRecord} from './honest'
import {outcomeLabel} from './requests'
import {slowdown, summarize, tally} from './stats'
import type {WriteCheck} from './verify'

/** The hostile-load run's figures, the targets of issue #11 and whether each was met. */

export interface Limits {
  /** Honest p95 under attack may be at most this many times the p95 at rest. */
  slowdown: number
  /** At-rest latencies below this count as this much (see `slowdown` in stats.ts). */
  floorMs: number
  /** Peak resident memory allowed per service, MiB. */
  rssMiB: {lake: number; site: number}
}

export interface Results {
  environment: string
  limits: Limits
  /** Probes per honest kind in each phase. */
  honestCount: number
  honest: {rest: HonestRecord[]; attack: HonestRecord[]}
  attacks: AttackRecord[]
  /** Peak resident memory (MiB) per service in each phase, and the process's own high-water mark at the end. */
  rss: {rest: {lake: number; site: number}; attack: {lake: number; site: number}; highWater: {lake: number; site: number}}
  writes: WriteCheck
  datasets: {before: number; after: number}
  /** The run was cut short by its overall time limit. */
  timeLimitHit: boolean
}

export interface AttackRow {
  kind: string
  count: number
  statuses: string
  p50: number
  p95: number
  max: number
  budgetMs: number
  hangs: number
  serverErrors: number
  /** Not answered with a refusal or closed within budget. */
  mishandled: number
}

export function attackRows(records: readonly AttackRecord[]): AttackRow[] {
  // By name, so that each endpoint's attacks stand together and runs compare line by line.
  const kinds = [...new Set(records.map((record) => record.attack))].sort((a, b) => a.kind.localeCompare(b.kind))
  return kinds.map((attack) => {
    const outcomes = records.filter((record) => record.attack === attack).map((record) => record.outcome)
    const latency = summarize(outcomes.map((outcome) => outcome.ms))
    return {
      kind: attack.kind,
      count: outcomes.length,
      statuses: tally(outcomes.map(outcomeLabel)),
      p50: latency.p50,
      p95: latency.p95,
      max: latency.max,
      budgetMs: attack.budgetMs,
      hangs: outcomes.filter((outcome) => outcome.failure === 'hang').length,
      serverErrors: outcomes.filter((outcome) => (outcome.status ?? 0) >= 500).length,
      mishandled: outcomes.filter((outcome) => !handled(attack, outcome)).length,
    }
  })
}

export interface HonestRow {
  kind: string
  rest: {count: number; p50: number; p95: number; failed: number}
  attack: {count: number; p50: number; p95: number; failed: number}
  ratio: number
  pass: boolean
}

export function honestRows(results: Pick<Results, 'honest' | 'honestCount' | 'limits'>): HonestRow[] {
  const kinds = [...new Set([...results.honest.rest, ...results.honest.attack].map((record) => record.kind))]
  const phase = (records: readonly HonestRecord[], kind: string) => {
    const mine = records.filter((record) => record.kind === kind).map((record) => record.result)
    const latency = summarize(mine.map((result) => result.outcome.ms))
    return {count: mine.length, p50: latency.p50, p95: latency.p95, failed: mine.filter((result) => !result.ok).length}
  }
  return kinds.map((kind) => {
    const rest = phase(results.honest.rest, kind)
    const attack = phase(results.honest.attack, kind)
    const ratio = slowdown(rest.p95, attack.p95, results.limits.floorMs)
    const complete = rest.count === results.honestCount && attack.count === results.honestCount
    return {kind, rest, attack, ratio, pass: complete && rest.failed === 0 && attack.failed === 0 && ratio <= results.limits.slowdown}
  })
}

export interface Target {
  name: string
  pass: boolean
  detail: string
}

export function targets(results: Results): Target[] {
  const {limits, rss, writes} = results
  const list: Target[] = honestRows(results).map((row) => ({
    name: `honest p95 under attack ≤ ${limits.slowdown}× at rest, answered as expected: ${row.kind}`,
    pass: row.pass,
    detail: `${row.ratio.toFixed(1)}×; ${row.attack.count}/${results.honestCount} done under attack, ${row.rest.failed + row.attack.failed} not answered as expected`,
  }))
  for (const service of ['lake', 'site'] as const) {
    const peak = Math.max(rss.attack[service], rss.rest[service])
    list.push({name: `${service} peak RSS ≤ ${limits.rssMiB[service]} MiB`, pass: peak <= limits.rssMiB[service], detail: `${peak.toFixed(0)} MiB`})
  }
  const checked = writes.error === undefined
  list.push(
    {
      name: 'zero acknowledged lake writes lost',
      pass: checked && writes.acknowledgedMissing.length === 0,
      detail: writes.error ?? `${writes.acknowledgedMissing.length} of ${writes.acknowledged} missing; ${writes.writesUnanswered} never answered`,
    },
    {
      name: 'zero comments lost',
      pass: checked && writes.commentsMissing.length === 0 && writes.refusedWithoutText === 0 && writes.commentsUnanswered === 0,
      detail:
        writes.error ??
        `${writes.commentsMissing.length} of ${writes.commentsAccepted} accepted missing; ${writes.refusedWithoutText} of ${writes.commentsRefused} refused without their text; ${writes.commentsUnanswered} unanswered`,
    },
  )
  const rows = attackRows(results.attacks)
  const failing = rows.filter((row) => row.mishandled > 0)
  list.push(
    {
      name: 'every abusive request refused (4xx, 503 or closed) within its budget, none hung',
      pass: rows.length > 0 && failing.length === 0,
      detail:
        failing.length === 0
          ? `${rows.reduce((sum, row) => sum + row.count, 0)} requests`
          : `failing: ${failing.map((row) => `${row.kind} (${row.mishandled}/${row.count})`).join('; ')}`,
    },
    {
      name: 'no datasets created by anonymous reads',
      pass: results.datasets.after === results.datasets.before,
      detail: `${results.datasets.after - results.datasets.before} created`,
    },
    {name: 'finished within the time limit', pass: !results.timeLimitHit, detail: results.timeLimitHit ? 'cut short' : 'yes'},
  )
  return list
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(1) : value.toFixed(0))

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- |').join('')}`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n')
}

export function renderReport(results: Results): string {
  const honest = honestRows(results)
  const checks = targets(results)
  return [
    results.environment,
    '',
    '### Honest traffic (ms)',
    table(
      ['what', 'n', 'p50 at rest', 'p95 at rest', 'p50 attacked', 'p95 attacked', 'ratio', 'target', 'not as expected'],
      honest.map((row) => [
        row.kind,
        `${row.rest.count}/${row.attack.count}`,
        ms(row.rest.p50),
        ms(row.rest.p95),
        ms(row.attack.p50),
        ms(row.attack.p95),
        `${row.ratio.toFixed(1)}×`,
        `≤ ${results.limits.slowdown}×`,
        String(row.rest.failed + row.attack.failed),
      ]),
    ),
    '',
    '### Attacks (ms)',
    table(
      ['attack', 'count', 'answers', 'p50', 'p95', 'max', 'budget', 'hangs', '5xx', 'mishandled'],
      attackRows(results.attacks).map((row) => [
        row.kind,
        String(row.count),
        row.statuses,
        ms(row.p50),
        ms(row.p95),
        ms(row.max),
        ms(row.budgetMs),
        String(row.hangs),
        String(row.serverErrors),
        String(row.mishandled),
      ]),
    ),
    '',
    '### Memory (peak RSS, MiB)',
    table(
      ['service', 'at rest', 'under attack', 'process high-water mark', 'limit'],
      (['lake', 'site'] as const).map((service) => [
        service,
        results.rss.rest[service].toFixed(0),
        results.rss.attack[service].toFixed(0),
        results.rss.highWater[service].toFixed(0),
        String(results.limits.rssMiB[service]),
      ]),
    ),
    '',
    '### Honest writes',
    `Lake writes acknowledged: ${results.writes.acknowledged} (missing from the lake: ${results.writes.acknowledgedMissing.length}); unanswered: ${results.writes.writesUnanswered}`,
    `Comments accepted: ${results.writes.commentsAccepted} (missing from the lake: ${results.writes.commentsMissing.length}); refused: ${results.writes.commentsRefused} (without their text: ${results.writes.refusedWithoutText}); unanswered: ${results.writes.commentsUnanswered}`,
    ...(results.writes.error ? [`The check could not be made: ${results.writes.error}`] : []),
    '',
    '### Targets',
    ...checks.map((check) => `${check.pass ? 'PASS' : 'FAIL'}  ${check.name} — ${check.detail}`),
  ].join('\n')
}
