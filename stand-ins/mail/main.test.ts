import {fork} from 'node:child_process'
import path from 'node:path'
import nodemailer from 'nodemailer'
import {expect, test} from 'vitest'

const MAIN = path.join(import.meta.dirname, 'main.ts')

function run(env: Record<string, string>) {
  const child = fork(MAIN, {
    execArgv: ['--import', 'tsx'],
    env: {...process.env, MAIL_CATCHER_PORT: '0', MAIL_CATCHER_SMTP_PORT: '0', ...env},
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const ready = () =>
    new Promise<{url: string; smtpUrl: string}>((resolve, reject) => {
      child.on('message', (message: {type?: string; url: string; smtpUrl: string}) => {
        if (message.type === 'ready') resolve(message)
      })
      void exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)))
    })
  return {child, ready, exited, stderr: () => stderr}
}

test('as a forked service it reports its web and SMTP addresses, catches mail, and stops when its parent goes', async () => {
  const service = run({NODE_ENV: 'production', SITE_URL: 'http://localhost:3000'})
  const {url, smtpUrl} = await service.ready()
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  expect(smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/)
  const transport = nodemailer.createTransport(smtpUrl)
  await transport.sendMail({from: 'site@localhost', to: 'someone@example.com', subject: 'Forked', text: 'hello'})
  transport.close()
  const messages = (await (await fetch(`${url}/api/messages`)).json()) as {subject: string}[]
  expect(messages.map((message) => message.subject)).toEqual(['Forked'])
  service.child.disconnect()
  expect(await service.exited).toBe(0)
})

test('it refuses to catch a public site’s email', async () => {
  const service = run({NODE_ENV: 'production', SITE_URL: 'https://blog.example.com'})
  expect(await service.exited).toBe(1)
  expect(service.stderr()).toContain('The mail catcher does not run for a public site (https://blog.example.com); set SMTP_URL instead.')
})
