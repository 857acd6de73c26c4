import fs from 'node:fs'
import {evaluate, parse} from 'groq-js'
import {configFromEnv} from '../src/config'
import {ContentLake} from '../src/lake'
import {BLOG_QUERIES, blogDataset} from '../test/blog-dataset'
import {startLakeProcess, temporaryDataDir} from '../test/lake-process'

/**
 * The lake on generated blog datasets: query latency over HTTP (what the site sees), the same
 * queries through groq-js alone over an in-memory array (the baseline the planner must beat),
 * durable mutations per second, start-up time and memory. Prints Markdown for BENCHMARKS.md.
 *
 *   npm run bench -w content-lake            (10k and 100k documents)
 *   npm run bench -w content-lake -- 10000   (one size)
 */

const sizes = process.argv.slice(2).map(Number).filter(Boolean)
const SIZES = sizes.length > 0 ? sizes : [10_000, 100_000]

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(0))

async function time(run: () => Promise<unknown>, iterations: number, budgetMs = 20_000): Promise<number[]> {
  const samples: number[] = []
  const started = performance.now()
  for (let i = 0; i < iterations && performance.now() - started < budgetMs; i++) {
    const t = performance.now()
    await run()
    samples.push(performance.now() - t)
  }
  return samples
}

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024
}

const rows: string[] = []
for (const size of SIZES) {
  const documents = blogDataset(size)
  const dataDir = temporaryDataDir()
  const loader = new ContentLake({...configFromEnv({}), dataDir})
  loader.importDocuments('production', documents, {mode: 'replace', systemFields: true})
  loader.close()

  const startedAt = performance.now()
  const lake = await startLakeProcess(dataDir)
  const startup = performance.now() - startedAt
  const anonymous = lake.client({token: null})
  const published = documents.filter((doc) => !doc._id.startsWith('drafts.'))

  for (const [name, {query, params}] of Object.entries(BLOG_QUERIES)) {
    await time(() => anonymous.fetch(query, params), 10)
    const http = await time(() => anonymous.fetch(query, params), 300)
    const tree = parse(query, {params})
    const baseline = await time(async () => (await evaluate(tree, {dataset: published, params})).get(), 50, 15_000)
    rows.push(
      `| ${size.toLocaleString('en')} | ${name} | ${ms(percentile(http, 50))} | ${ms(percentile(http, 95))} | ${ms(percentile(baseline, 50))} | ${ms(percentile(baseline, 95))} |`,
    )
  }

  const writer = lake.client()
  const ids = documents.filter((doc) => doc._type === 'comment').slice(0, 1000).map((doc) => doc._id)
  const patch = (id: string) => writer.patch(id).set({status: 'approved'}).commit({returnDocuments: false})
  let t = performance.now()
  for (const id of ids) await patch(id)
  const sequential = ids.length / ((performance.now() - t) / 1000)
  t = performance.now()
  let next = 0
  await Promise.all(
    Array.from({length: 8}, async () => {
      while (next < ids.length) await patch(ids[next++]!)
    }),
  )
  const concurrent = ids.length / ((performance.now() - t) / 1000)
  const rss = rssMiB(lake.child.pid!)
  await lake.stop()
  fs.rmSync(dataDir, {recursive: true, force: true})

  console.error(`${size}: done`)
  rows.push(
    `| ${size.toLocaleString('en')} | **writes** | ${sequential.toFixed(0)} mutations/s one at a time, ${concurrent.toFixed(0)}/s with 8 clients | | start-up ${ms(startup)} ms | RSS ${rss.toFixed(0)} MiB |`,
  )
}

console.log('| documents | query | HTTP p50 ms | HTTP p95 ms | groq-js alone p50 ms | groq-js alone p95 ms |')
console.log('| --- | --- | --- | --- | --- | --- |')
for (const row of rows) console.log(row)
