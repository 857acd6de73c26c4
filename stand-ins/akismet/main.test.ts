import {fork} from 'node:child_process'
import path from 'node:path'
import {expect, test} from 'vitest'

const MAIN = path.join(import.meta.dirname, 'main.ts')

function forkStandIn(env: Record<string, string>) {
  return fork(MAIN, {execArgv: ['--import', 'tsx'], env: {...process.env, ...env}, stdio: ['ignore', 'ignore', 'pipe', 'ipc']})
}

test('forked, it reports its address over IPC and answers there; it stops when its parent lets go', async () => {
  const child = forkStandIn({AKISMET_STANDIN_PORT: '0', AKISMET_STANDIN_KEYS: 'k-one,k-two'})
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const url = await new Promise<string>((resolve) =>
    child.on('message', (message: {type?: string; url?: string}) => message.type === 'ready' && resolve(message.url!)),
  )
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  const verify = (key: string) =>
    fetch(`${url}/1.1/verify-key`, {method: 'POST', body: new URLSearchParams({key, blog: 'http://localhost:3000'})}).then((r) => r.text())
  expect(await verify('k-two')).toBe('valid')
  expect(await verify('local-dev-key')).toBe('invalid')
  child.disconnect()
  expect(await exited).toBe(0)
})

test('it refuses to stand in for Akismet behind a public site', async () => {
  const child = forkStandIn({NODE_ENV: 'production', SITE_URL: 'https://blog.example'})
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise((resolve) => child.once('exit', resolve))
  expect(code).toBe(1)
  expect(stderr).toContain('does not run for a public site')
})
