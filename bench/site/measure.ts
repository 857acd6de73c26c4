import fs from 'node:fs'
import {spawn} from 'node:child_process'
import path from 'node:path'
import {summarize} from '../hostile/stats'

/** How the site benchmark measures: pages one at a time, the post page under load, and child programs. */

const ROOT = path.resolve(import.meta.dirname, '..', '..')
/** Any cookie named `__session` makes a page private: rendered for that reader, never from the cache. */
export const SESSION = {cookie: '__session=bench', 'accept-encoding': 'gzip'}

/**
 * Requests for a page before it is timed. A fresh process answers a page's first requests while
 * V8 still compiles the code they run, the site's and the lake's query workers' alike: measured
 * on the post page after a restart, its 4th to 25th requests took 20–48 ms, the next ones 11–15.
 * The targets are about the steady cost of a render, so these are left out (BENCHMARKS.md says so).
 */
const WARM_UP_REQUESTS = 20

/**
 * p50 and p95 of up to `count` requests for `url`, one at a time, each read to its end, after
 * WARM_UP_REQUESTS; fewer (at least 5) when they take longer than `budgetMs` in all.
 */
export async function pageLatency(url: string, count: number, budgetMs: number): Promise<{p50: number; p95: number; status: number; samples: number}> {
  let status = 0
  const once = async () => {
    const started = performance.now()
    const response = await fetch(url, {headers: SESSION, redirect: 'manual'})
    await response.arrayBuffer()
    status = response.status
    return performance.now() - started
  }
  for (let i = 0; i < WARM_UP_REQUESTS; i++) await once()
  return {...(await timed(once, count, budgetMs)), status}
}

function cpuTimes(): {idle: number; total: number} {
  const [, ...fields] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/)
  const numbers = fields.map(Number)
  // idle + iowait
  return {idle: numbers[3]! + (numbers[4] ?? 0), total: numbers.reduce((sum, n) => sum + n, 0)}
}

/**
 * Waits until the machine has been at least 90% idle for two seconds (or `atMostMs` passed):
 * a lake that has just started still builds its text indexes in the background, and pages
 * timed meanwhile measure that work, not the page. Returns how long it waited.
 */
export async function settled(atMostMs: number): Promise<number> {
  const started = performance.now()
  while (performance.now() - started < atMostMs) {
    const before = cpuTimes()
    await new Promise((resolve) => setTimeout(resolve, 2000))
    const after = cpuTimes()
    if ((after.idle - before.idle) / Math.max(1, after.total - before.total) >= 0.9) break
  }
  return performance.now() - started
}

/** p50 and p95 of up to `count` runs of `once` (timing itself), fewer (at least 5) past `budgetMs`. */
export async function timed(once: () => Promise<number>, count: number, budgetMs: number): Promise<{p50: number; p95: number; samples: number}> {
  const started = performance.now()
  const samples: number[] = []
  while (samples.length < count && (samples.length < 5 || performance.now() - started < budgetMs)) samples.push(await once())
  const {p50, p95} = summarize(samples)
  return {p50, p95, samples: samples.length}
}

/** Process groups of the programs running now: stopped with this one, however it ends. */
const running = new Set<number>()
process.once('exit', () => {
  for (const group of running) process.kill(-group, 'SIGKILL')
})

/** Runs a program of the repository to its end and answers with what it printed; rejects on failure or after `timeoutMs`. */
export function run(command: string, args: string[], options: {env?: Record<string, string>; timeoutMs: number}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {cwd: ROOT, env: {...process.env, ...options.env}, stdio: ['ignore', 'pipe', 'pipe'], detached: true})
    running.add(child.pid!)
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    const timer = setTimeout(() => {
      // Its own process group: whatever it started goes with it.
      process.kill(-child.pid!, 'SIGKILL')
      reject(new Error(`${command} ${args.join(' ')} took longer than ${timeoutMs(options.timeoutMs)}`))
    }, options.timeoutMs)
    child.once('exit', (code) => {
      running.delete(child.pid!)
      clearTimeout(timer)
      if (code === 0) resolve(out)
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${err.slice(-2000)}`))
    })
  })
}

const timeoutMs = (ms: number) => `${Math.round(ms / 1000)} s`

/** Requests per second for `url` with a session, from autocannon (10 connections, as BENCHMARKS.md measures). */
export async function sessionThroughput(url: string, seconds: number): Promise<{requestsPerSecond: number; non2xx: number; errors: number}> {
  const out = await run(
    path.join(ROOT, 'node_modules', '.bin', 'autocannon'),
    ['-c', '10', '-d', String(seconds), '-j', '-H', `cookie=${SESSION.cookie}`, '-H', `accept-encoding=${SESSION['accept-encoding']}`, url],
    {timeoutMs: (seconds + 30) * 1000},
  )
  const result = JSON.parse(out) as {requests: {average: number}; non2xx: number; errors: number}
  return {requestsPerSecond: result.requests.average, non2xx: result.non2xx, errors: result.errors}
}
