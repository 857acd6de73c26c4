import {execFileSync} from 'node:child_process'
import {setMaxListeners} from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {parseArgs} from 'node:util'
import sharp from 'sharp'
import {z} from 'zod'
import {lakeClient} from '../../tests/support/site-content'
import {type RunningStack, startStack} from '../../tests/support/stack'
import {attackFromChildProcess} from './attacker-process'
import type {Target} from './attacks'
import {commentFormFields} from './comment-form'
import {type HonestContext, postCommentThroughForm, runHonestTraffic} from './honest'
import {findService, RssSampler, serviceHighWater} from './processes'
import {attackRows, honestRows, type Limits, renderReport, type Results, targets} from './report'
import {timedFetch} from './requests'
import {checkWrites, datasetCount} from './verify'

/**
 * `npm run bench:hostile`: starts the stack as `npm start` does (free loopback ports, a data
 * folder of its own), measures honest traffic at rest, then again while anonymous clients
 * attack the lake and the site, and checks issue #11's targets. Bounded: fixed counts, a
 * client timeout on every request and an overall time limit. Exits non-zero if a target fails.
 *
 *   npm run bench:hostile -- [--json file] [--clients 20] [--count 40] [--time-limit 150]
 *                            [--lake-rss-mib 768] [--site-rss-mib 512] [--floor-ms 20]
 *
 * --time-limit bounds everything after the stack is ready but the final check of the writes
 * (15 s at most) and stopping the stack (20 s at most); starting it may first build the site.
 */

const ORIGINAL_POST_PATH = '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/'
const DATASET = 'production'
/** An honest request unanswered after this long hung. */
const HONEST_TIMEOUT_MS = 10_000
/** Added to an attack's budget for its client's timeout. */
const ATTACK_MARGIN_MS = 5000
/** Honest traffic starts once every attacker is under way. */
const ATTACK_RAMP_MS = 1000
const MAX_ROUNDS = 20
const WARM_UP_COUNT = 5

const positive = z.coerce.number().int().positive()
const Options = z.object({
  json: z.string().min(1).optional(),
  clients: positive.max(200).default(20),
  count: positive.max(1000).default(40),
  timeLimit: positive.max(900).default(150),
  lakeRssMib: positive.default(768),
  siteRssMib: positive.default(512),
  floorMs: z.coerce.number().min(0).default(20),
})

function options() {
  const {values} = parseArgs({
    options: Object.fromEntries(
      ['json', 'clients', 'count', 'time-limit', 'lake-rss-mib', 'site-rss-mib', 'floor-ms'].map((name) => [name, {type: 'string' as const}]),
    ),
  })
  const camel = Object.fromEntries(Object.entries(values).map(([name, value]) => [name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()), value]))
  const parsed = Options.safeParse(camel)
  if (!parsed.success) throw new Error(`Bad options:\n${parsed.error.issues.map((issue) => `  --${issue.path.join('.')}: ${issue.message}`).join('\n')}`)
  return parsed.data
}

function environment(): string {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {encoding: 'utf8'}).trim()
  const load = os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')
  return `Node ${process.version}, ${os.cpus().length} cores (load ${load}), commit ${commit}, ${new Date().toISOString()}`
}

/** A 4000×4000 PNG of coarse noise: costly to decode and render, small enough to upload. */
function largeImage(): Promise<Buffer> {
  const side = 1000
  const noise = Buffer.alloc(side * side * 3)
  for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(Math.random() * 256)
  return sharp(noise, {raw: {width: side, height: side, channels: 3}})
    .resize(4000, 4000, {kernel: 'nearest'})
    .png()
    .toBuffer()
}

/** The reader's session cookie from an answer's Set-Cookie, as `name=value`. */
function sessionCookieOf(headers: Headers | undefined): string {
  const cookie = headers?.getSetCookie().find((line) => line.startsWith('__session='))
  if (!cookie) throw new Error('Posting a comment gave no session cookie')
  return cookie.split(';')[0]!
}

async function setUp(stack: RunningStack, context: HonestContext, stop: AbortSignal): Promise<Target> {
  const client = lakeClient(stack.lakeUrl, stack.dataDir)
  const asset = await client.assets.upload('image', await largeImage(), {filename: 'hostile-4000.png'})
  const options = {timeoutMs: HONEST_TIMEOUT_MS, stop}
  // A real reader's session: the one posting a comment gives.
  const first = await postCommentThroughForm(context, 0, options)
  if (!first.ok) throw new Error(`Setup could not post a comment: ${first.outcome.failure ?? first.outcome.status}`)
  context.sessionCookie = sessionCookieOf(first.outcome.headers)
  const page = await timedFetch(`${stack.siteUrl}${ORIGINAL_POST_PATH}`, {}, {...options, keepText: true})
  const commentForm = commentFormFields(page.text ?? '')
  commentForm.set('name', 'Flood')
  commentForm.set('email', 'flood@example.com')
  commentForm.set('body', 'A draft that asks to be kept across a log-in. '.repeat(100))
  return {
    siteUrl: stack.siteUrl,
    lakeUrl: stack.lakeUrl,
    dataset: DATASET,
    postPath: ORIGINAL_POST_PATH,
    imagePath: new URL(asset.url).pathname,
    commentForm,
  }
}

const began = performance.now()

function progress(line: string): void {
  console.log(`[${((performance.now() - began) / 1000).toFixed(1).padStart(5)} s] ${line}`)
}

const sleep = (ms: number, stop: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    stop.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        resolve()
      },
      {once: true},
    )
  })

async function measure(stack: RunningStack, settings: z.infer<typeof Options>, limits: Limits): Promise<Results> {
  const services = {
    lake: findService(stack.child.pid!, 'content-lake/src/cli.ts'),
    site: findService(stack.child.pid!, 'server/index.ts'),
  }
  const run = new AbortController()
  let timeLimitHit = false
  const limit = setTimeout(() => {
    timeLimitHit = true
    run.abort()
  }, settings.timeLimit * 1000)
  const stop = run.signal
  // Every request of the run listens for it: many at once is the point, not a leak.
  setMaxListeners(Infinity, stop)
  const context: HonestContext = {
    siteUrl: stack.siteUrl,
    lakeUrl: stack.lakeUrl,
    dataset: DATASET,
    postPath: ORIGINAL_POST_PATH,
    token: lakeClient(stack.lakeUrl, stack.dataDir).config().token!,
    sessionCookie: '',
    runId: Date.now().toString(36),
    writes: {acknowledged: [], commentsAccepted: [], commentsRefused: [], commentsUnanswered: 0, writesUnanswered: 0},
  }
  const honestOptions = {timeoutMs: HONEST_TIMEOUT_MS, stop}
  const lakeDataDir = path.join(stack.dataDir, 'content-lake')

  progress('Setting up: a 4000×4000 image in the lake, a reader session…')
  const target = await setUp(stack, context, stop)
  const datasetsBefore = datasetCount(lakeDataDir)
  await runHonestTraffic(context, WARM_UP_COUNT, 10_000, honestOptions)

  progress(`At rest: ${settings.count} of each honest request…`)
  const restSampler = new RssSampler(services)
  restSampler.start()
  const rest = await runHonestTraffic(context, settings.count, 20_000, honestOptions)
  const restRss = restSampler.stop()

  progress(`Under attack by ${settings.clients} clients: the same honest requests…`)
  const attackSampler = new RssSampler(services)
  attackSampler.start()
  const attacking = attackFromChildProcess({
    target,
    clients: settings.clients,
    maxRounds: MAX_ROUNDS,
    marginMs: ATTACK_MARGIN_MS,
    stop,
  })
  await sleep(ATTACK_RAMP_MS, stop)
  const attack = await runHonestTraffic(context, settings.count, 30_000, honestOptions)
  attacking.honestDone()
  const attacks = await attacking.records
  const attackRss = attackSampler.stop()
  const highWater = {lake: serviceHighWater(services.lake), site: serviceHighWater(services.site)}
  clearTimeout(limit)

  progress('Checking every acknowledged write and accepted comment in the lake…')
  // Its own time: the run's limit may have passed, and this is what most needs an answer.
  const writes = await checkWrites(
    context.writes,
    {url: stack.lakeUrl, dataset: DATASET, token: context.token},
    {timeoutMs: 15_000, stop: new AbortController().signal},
  )
  return {
    environment: environment(),
    limits,
    honestCount: settings.count,
    honest: {rest, attack},
    attacks,
    rss: {rest: {lake: restRss.lake!, site: restRss.site!}, attack: {lake: attackRss.lake!, site: attackRss.site!}, highWater},
    writes,
    datasets: {before: datasetsBefore, after: datasetCount(lakeDataDir)},
    timeLimitHit,
  }
}

/** Stops the stack; a service too stuck to stop in time is killed with its process group. */
async function stopStack(stack: RunningStack): Promise<void> {
  const killed = setTimeout(() => stack.child.exitCode === null && process.kill(-stack.child.pid!, 'SIGKILL'), 20_000)
  await stack.stop()
  clearTimeout(killed)
}

async function main(): Promise<number> {
  const settings = options()
  const limits: Limits = {slowdown: 3, floorMs: settings.floorMs, rssMiB: {lake: settings.lakeRssMib, site: settings.siteRssMib}}
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-bench-'))
  progress('Starting the stack (npm start, loopback, its own data folder)…')
  // The site believes loopback's X-Forwarded-For, so each client can be a reader on its own network.
  const stack = await startStack(dataDir, {TRUST_PROXY: 'loopback'})
  let results: Results
  try {
    results = await measure(stack, settings, limits)
  } finally {
    await stopStack(stack)
    fs.rmSync(dataDir, {recursive: true, force: true})
  }
  console.log(`\n${renderReport(results)}`)
  const checks = targets(results)
  if (settings.json) {
    const summary = {...results, honest: honestRows(results), attacks: attackRows(results.attacks), targets: checks}
    fs.writeFileSync(settings.json, `${JSON.stringify(summary, null, 2)}\n`)
  }
  return checks.every((check) => check.pass) ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error)
    process.exit(2)
  },
)
