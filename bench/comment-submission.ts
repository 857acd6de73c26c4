import {randomBytes} from 'node:crypto'
import os from 'node:os'
import {createSanityClient} from '../app/sanity/client.server'
import {saveComment} from '../app/sanity/comments.server'
import {derivedKeys} from '../app/security/keys.server'
import {signToken} from '../app/security/signed-token.server'
import {startAkismetStandIn} from '../stand-ins/akismet/server'
import {startSiteWithOwnLake} from '../tests/support/site-with-own-lake'
import {percentile} from './hostile/stats'

/**
 * Comment submission through the real site over HTTP (form POST → pipeline → Akismet stand-in
 * → lake transaction → 303), against the same two documents written straight to the lake:
 * the difference is what the pipeline adds. `npm run bench:comments -- [n]`
 */

const ORIGINAL = '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/'
import {POST_ID} from '../seed/life-in-balance'
const count = Number(process.argv[2] ?? 300)
const secret = randomBytes(32).toString('base64url')
const akismet = await startAkismetStandIn()
const stack = await startSiteWithOwnLake({
  SESSION_SECRET: secret,
  AKISMET_KEY: 'local-dev-key',
  AKISMET_API_URL: akismet.url,
  COMMENT_MIN_FILL_SECONDS: '0',
  COMMENT_RATE_LIMIT_PER_NETWORK: '1000000',
  COMMENT_RATE_LIMIT_PER_COMMENTER: '1000000',
})
const keys = derivedKeys('signed-link', [secret])
const lake = createSanityClient(
  {mode: 'local', projectId: 'local', dataset: 'production', apiVersion: '2025-02-19', apiHost: stack.lakeUrl, useProjectHostname: false, useCdn: false},
  stack.token,
)

let sequence = 0
async function submitComment(): Promise<void> {
  sequence += 1
  const body = new URLSearchParams({
    formToken: signToken({iat: Date.now() - 10_000}, {purpose: 'comment-form', expiresIn: 3600}, keys),
    name: `Bench ${sequence}`,
    email: `bench-${sequence}@example.com`,
    body: `A comment of ordinary length, number ${sequence}, about the post and what it meant to me.`,
  })
  const response = await fetch(`${stack.siteUrl}${ORIGINAL}`, {method: 'POST', body, redirect: 'manual', headers: {Origin: stack.siteUrl}})
  if (response.status !== 303) throw new Error(`HTTP ${response.status}: ${await response.text()}`)
}

async function writeDirectly(): Promise<void> {
  sequence += 1
  const id = `comment-bench-${sequence}-${randomBytes(4).toString('hex')}`
  // The comment store's own write: the record and its first log entry, in one transaction.
  await saveComment(lake, {
    id,
    post: {_id: POST_ID},
    submission: {
      name: `Bench ${sequence}`,
      email: `bench-${sequence}@example.com`,
      body: 'A comment of ordinary length.',
      notifyReplies: false,
      notifyPosts: false,
    },
    status: 'pending',
    spamVerdict: 'ham',
    reasons: [],
    submittedAt: new Date(),
    networkAddressHash: 'hash',
    userAgent: 'Bench',
  })
}

async function measure(name: string, operation: () => Promise<void>, concurrency: number) {
  for (let i = 0; i < 20; i++) await operation() // warm-up
  const latencies: number[] = []
  let remaining = count
  const started = performance.now()
  await Promise.all(
    Array.from({length: concurrency}, async () => {
      while (remaining-- > 0) {
        const t = performance.now()
        await operation()
        latencies.push(performance.now() - t)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const row = `| ${name} | ${concurrency} | ${count} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 95).toFixed(1)} | ${(count / seconds).toFixed(0)} |`
  console.log(row)
}

try {
  console.log(
    `Node ${process.version}, ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}`,
  )
  console.log('| what | concurrent clients | requests | p50 ms | p95 ms | per second |')
  console.log('| --- | --- | --- | --- | --- | --- |')
  for (const concurrency of [1, 8]) {
    await measure('comment through the site (pipeline + Akismet stand-in + lake)', submitComment, concurrency)
    await measure('the same two documents written straight to the lake', writeDirectly, concurrency)
  }
} finally {
  await stack.stop()
  await akismet.close()
}
