import fs from 'node:fs'
import {evaluate, parse} from 'groq-js'
import {configFromEnv} from '../../content-lake/src/config'
import {ContentLake} from '../../content-lake/src/lake'
import {BLOG_QUERIES, blogDataset} from '../../content-lake/test/blog-dataset'
import {startLakeProcess, TEST_TOKEN, temporaryDataDir} from '../../content-lake/test/lake-process'
import {percentile} from '../hostile/stats'

/**
 * The lake on generated blog datasets: query latency over HTTP (what the site sees), the same
 * queries through groq-js alone over an in-memory array (the baseline the planner must beat),
 * durable mutations per second, start-up time and memory. Prints Markdown for BENCHMARKS.md.
 *
 *   npm run bench:lake            (10k and 100k documents)
 *   npm run bench:lake -- 10000   (one size)
 */

const sizes = process.argv.slice(2).map(Number).filter(Boolean)
const SIZES = sizes.length > 0 ? sizes : [10_000, 100_000]

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(0))

/** How long each run took, shortest first. */
async function time(run: () => Promise<unknown>, iterations: number, budgetMs = 20_000): Promise<number[]> {
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

const rows: string[] = []
for (const size of SIZES) {
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

  // Writes as a load generator sends them (plain HTTP with keep-alive), so the client's own
  // overhead doesn't count against the lake: single-document patches, each durable when answered.
  const ids = documents
    .filter((doc) => doc._type === 'comment')
    .slice(0, 1000)
    .map((doc) => doc._id)
  const mutateUrl = `${lake.url}/v2025-02-19/data/mutate/production`
  const patch = async (id: string) => {
    const response = await fetch(mutateUrl, {
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
  const rss = rssMiB(lake.child.pid!)
  await lake.stop()
  fs.rmSync(dataDir, {recursive: true, force: true})

  console.error(`${size}: done`)
  rows.push(
    `| ${size.toLocaleString('en')} | **writes**, mutations/s | ${one.toFixed(0)} one at a time | ${eight.toFixed(0)} with 8 clients | ${thirtyTwo.toFixed(0)} with 32 clients | start-up ${ms(startup)} ms, RSS ${rss.toFixed(0)} MiB |`,
  )
}

console.log('| documents | query | HTTP p50 ms | HTTP p95 ms | groq-js alone p50 ms | groq-js alone p95 ms |')
console.log('| --- | --- | --- | --- | --- | --- |')
for (const row of rows) console.log(row)
