import fs from 'node:fs'
import {pathToFileURL} from 'node:url'
import {evaluate, parse} from 'groq-js'
import {configFromEnv} from '../../content-lake/src/config'
import {ContentLake} from '../../content-lake/src/lake'
import {BLOG_QUERIES, blogDataset, SITE_QUERIES} from '../../content-lake/test/blog-dataset'
import {startLakeProcess, TEST_TOKEN, temporaryDataDir} from '../../content-lake/test/lake-process'
import {percentile} from '../hostile/stats'
import {settled} from '../site/measure'

/**
 * The lake on generated blog datasets: query latency over HTTP (what the site sees) for the
 * lake's blog queries, the site's queries as the site sends them (SITE_QUERIES: every page kind
 * of the site bench, kept equal to app/sanity's texts by site-queries.test.ts) and Studio's
 * default global search for a common word; the blog
 * queries also through groq-js alone over an in-memory array (the baseline the planner must
 * beat); durable mutations per second, start-up time and memory. Prints a Markdown table.
 *
 *   npm run bench:lake            (10k and 100k documents)
 *   npm run bench:lake -- 10000   (one size)
 *
 * Bounded in time: each query runs at most `iterations` times or `budgetMs` (by default 200
 * times or 8 s, after 10 warm-up runs), each baseline at most 50 times or 10 s, so a size takes
 * at most about 5 minutes (20 queries), plus the dataset's import and the write runs.
 * `npm run bench` (the site's) calls {@link benchmarkLake}.
 */

export interface LakeBenchRow {
  documents: number
  query: string
  /** Milliseconds over HTTP; for `writes`, mutations per second with 1, 8 and 32 clients. */
  p50: number
  p95: number
  /** groq-js alone over an array, for the lake's own blog queries. */
  baseline?: {p50: number; p95: number}
  /** For `writes`: start-up and memory of the lake process. */
  note?: string
}

export interface LakeBenchOptions {
  iterations?: number
  budgetMs?: number
  /** Also time groq-js alone (the planner's baseline); off saves a minute per size. */
  baseline?: boolean
  /** Also measure writes per second. */
  writes?: boolean
}

/** How long each run took, shortest first. */
async function time(run: () => Promise<unknown>, iterations: number, budgetMs: number): Promise<number[]> {
  const samples: number[] = []
  const started = performance.now()
  for (let i = 0; i < iterations && performance.now() - started < budgetMs; i++) {
    const t = performance.now()
    await run()
    samples.push(performance.now() - t)
  }
  return samples.sort((a, b) => a - b)
}

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024
}

/** Runs the lake benchmark at each size and returns its rows. */
export async function benchmarkLake(sizes: readonly number[], options: LakeBenchOptions = {}): Promise<LakeBenchRow[]> {
  const {iterations = 200, budgetMs = 8_000, baseline = true, writes = true} = options
  const rows: LakeBenchRow[] = []
  for (const size of sizes) {
    const documents = blogDataset(size)
    const dataDir = temporaryDataDir()
    // The lake's defaults, whatever this shell's settings are.
    const loader = new ContentLake({...configFromEnv({} as NodeJS.ProcessEnv), dataDir})
    loader.importDocuments('production', documents, {mode: 'replace', systemFields: true})
    loader.close()

    const startedAt = performance.now()
    const lake = await startLakeProcess(dataDir)
    const startup = performance.now() - startedAt
    const anonymous = lake.client({token: null})
    // Studio reads with a token, drafts laid over published documents.
    const studio = lake.client().withConfig({perspective: 'drafts'})
    const published = documents.filter((doc) => !doc._id.startsWith('drafts.'))
    await warmUp(anonymous)
    // Each worker builds a field's word counts on its first search of it: built before timing.
    await untilQuick(() => anonymous.fetch(SITE_QUERIES.searchPage.query, SITE_QUERIES.searchPage.params), 20)
    await untilQuick(() => studio.fetch(SITE_QUERIES.studioSearch.query, SITE_QUERIES.studioSearch.params), 100)

    const queries = [
      ...Object.entries(BLOG_QUERIES).map(([name, query]) => ({name, ...query, client: anonymous, baseline})),
      ...Object.entries(SITE_QUERIES).map(([name, query]) => ({name, ...query, client: name === 'studioSearch' ? studio : anonymous, baseline: false})),
    ]
    for (const {name, query, params, client, baseline: withBaseline} of queries) {
      const run = () => client.fetch(query, params as Record<string, unknown>)
      await time(run, 10, budgetMs)
      const http = await time(run, iterations, budgetMs)
      const row: LakeBenchRow = {documents: size, query: name, p50: percentile(http, 50), p95: percentile(http, 95)}
      if (withBaseline) {
        const tree = parse(query, {params})
        const alone = await time(async () => (await evaluate(tree, {dataset: published, params})).get(), 50, 10_000)
        row.baseline = {p50: percentile(alone, 50), p95: percentile(alone, 95)}
      }
      rows.push(row)
    }

    if (writes) rows.push({documents: size, query: 'writes', ...(await writesPerSecond(lake.url, documents))})
    const rss = rssMiB(lake.child.pid!)
    rows.push({documents: size, query: 'process', p50: startup, p95: rss, note: `start-up ${startup.toFixed(0)} ms, RSS ${rss.toFixed(0)} MiB`})
    await lake.stop()
    fs.rmSync(dataDir, {recursive: true, force: true})
    console.error(`${size}: done`)
  }
  return rows
}

/**
 * Each query worker loads its replica on its first query (seconds at 100,000 documents, more
 * on a busy machine), then builds its text index in the background: not what is measured here,
 * so queries are sent until every worker answers at once and a text search is quick twice in a
 * row, for at most a minute.
 */
async function warmUp(client: ReturnType<Awaited<ReturnType<typeof startLakeProcess>>['client']>): Promise<void> {
  const until = Date.now() + 60_000
  let quick = 0
  while (quick < 2 && Date.now() < until) {
    const started = performance.now()
    const answers = await Promise.allSettled(Array.from({length: 4}, () => client.fetch('count(*[_type == "post" && title match "balance 12"])')))
    const answered = answers.every(({status}) => status === 'fulfilled')
    quick = answered && performance.now() - started < 8 ? quick + 1 : 0
    if (!answered || quick === 0) await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/**
 * Sends a search to both query workers at once, then leaves them idle for a moment (when their
 * background builds of the fields' word counts go on, decision 0243), until it is answered
 * within `quickMs` twice in a row, for at most a minute; then sends 50 more and waits for the
 * machine to settle (the builds' last steps, the collection of their garbage). How long that
 * took, in ms.
 */
export async function untilQuick(search: () => Promise<unknown>, quickMs: number): Promise<number> {
  const started = Date.now()
  let quick = 0
  while (quick < 2 && Date.now() - started < 60_000) {
    const sent = performance.now()
    await Promise.all([search(), search()])
    quick = performance.now() - sent < quickMs ? quick + 1 : 0
    if (quick === 0) await new Promise((resolve) => setTimeout(resolve, 500))
  }
  // The builds leave the workers' heaps larger: their first full collections come in the next
  // few dozen searches, a one-time cost after a start, not the steady state timed here.
  for (let i = 0; i < 50; i++) await search()
  await settled(30_000)
  return Date.now() - started
}

// Writes as a load generator sends them (plain HTTP with keep-alive), so the client's own
// overhead doesn't count against the lake: single-document patches, each durable when answered.
async function writesPerSecond(url: string, documents: readonly {_id: string; _type: string}[]): Promise<Pick<LakeBenchRow, 'p50' | 'p95' | 'note'>> {
  const ids = documents
    .filter((doc) => doc._type === 'comment')
    .slice(0, 1000)
    .map((doc) => doc._id)
  const patch = async (id: string) => {
    const response = await fetch(`${url}/v2025-02-19/data/mutate/production`, {
      method: 'POST',
      headers: {authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json'},
      body: JSON.stringify({mutations: [{patch: {id, set: {status: 'approved'}}}]}),
    })
    if (!response.ok) throw new Error(`mutation failed: ${response.status}`)
    await response.arrayBuffer()
  }
  const throughput = async (clients: number) => {
    let next = 0
    const started = performance.now()
    await Promise.all(
      Array.from({length: clients}, async () => {
        while (next < ids.length * 2) await patch(ids[next++ % ids.length]!)
      }),
    )
    return (ids.length * 2) / ((performance.now() - started) / 1000)
  }
  const [one, eight, thirtyTwo] = [await throughput(1), await throughput(8), await throughput(32)]
  return {p50: one, p95: eight, note: `${one.toFixed(0)} one at a time, ${eight.toFixed(0)} with 8 clients, ${thirtyTwo.toFixed(0)} with 32 clients`}
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(0))

/** The rows as a Markdown table. */
export function lakeBenchTable(rows: readonly LakeBenchRow[]): string {
  const lines = ['| documents | query | HTTP p50 ms | HTTP p95 ms | groq-js alone p50 ms | groq-js alone p95 ms |', '| --- | --- | --- | --- | --- | --- |']
  for (const row of rows) {
    const size = row.documents.toLocaleString('en')
    if (row.note) lines.push(`| ${size} | **${row.query}** | ${row.note} | | | |`)
    else
      lines.push(
        `| ${size} | ${row.query} | ${ms(row.p50)} | ${ms(row.p95)} | ${row.baseline ? ms(row.baseline.p50) : ''} | ${row.baseline ? ms(row.baseline.p95) : ''} |`,
      )
  }
  return lines.join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const sizes = process.argv.slice(2).map(Number).filter(Boolean)
  console.log(lakeBenchTable(await benchmarkLake(sizes.length > 0 ? sizes : [10_000, 100_000])))
}
