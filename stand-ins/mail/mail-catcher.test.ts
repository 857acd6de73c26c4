import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import nodemailer, {type SendMailOptions} from 'nodemailer'
import {afterEach, describe, expect, test} from 'vitest'
import {type MailCatcher, startMailCatcher} from './mail-catcher'
import type {CaughtMessage} from './message-store'

let catcher: MailCatcher | undefined

afterEach(async () => {
  await catcher?.close()
  catcher = undefined
})

async function sendThrough(smtpUrl: string, mail: SendMailOptions) {
  const transport = nodemailer.createTransport(smtpUrl)
  try {
    return await transport.sendMail({from: '"Life in Balance" <no-reply@localhost>', ...mail})
  } finally {
    transport.close()
  }
}

async function messages(url: string, query = ''): Promise<CaughtMessage[]> {
  const response = await fetch(`${url}/api/messages${query}`)
  expect(response.headers.get('content-type')).toContain('application/json')
  return (await response.json()) as CaughtMessage[]
}

describe('the mail catcher', () => {
  test('keeps what nodemailer sends over SMTP and serves it as JSON', async () => {
    catcher = await startMailCatcher()
    expect(catcher.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/)
    await sendThrough(catcher.smtpUrl, {
      to: 'Reader <Reader@Example.com>',
      bcc: 'hidden@example.com',
      subject: 'Your comment is published',
      text: 'See it at http://localhost:3000/post/#comment-1',
      html: '<p>See <a href="http://localhost:3000/post/#comment-1">it</a></p>',
    })

    const [message, ...rest] = await messages(catcher.url)
    expect(rest).toEqual([])
    expect(message).toMatchObject({
      from: '"Life in Balance" <no-reply@localhost>',
      to: ['reader@example.com', 'hidden@example.com'],
      subject: 'Your comment is published',
      text: 'See it at http://localhost:3000/post/#comment-1',
      html: '<p>See <a href="http://localhost:3000/post/#comment-1">it</a></p>',
    })
    expect(Date.parse(message!.date)).toBeGreaterThan(Date.now() - 60_000)

    const one = await fetch(`${catcher.url}/api/messages/${message!.id}`)
    expect(await one.json()).toEqual(message)
    expect((await fetch(`${catcher.url}/api/messages/nope`)).status).toBe(404)
  })

  test('filters by recipient and forgets everything on DELETE', async () => {
    catcher = await startMailCatcher()
    await sendThrough(catcher.smtpUrl, {to: 'a@example.com', subject: 'one', text: '1'})
    await sendThrough(catcher.smtpUrl, {to: 'b@example.com', subject: 'two', text: '2'})
    expect((await messages(catcher.url)).map((m) => m.subject)).toEqual(['one', 'two'])
    expect((await messages(catcher.url, '?to=B@example.com')).map((m) => m.subject)).toEqual(['two'])

    expect((await fetch(`${catcher.url}/api/messages`, {method: 'DELETE'})).status).toBe(204)
    expect(await messages(catcher.url)).toEqual([])
    expect((await fetch(`${catcher.url}/api/messages`, {method: 'POST'})).status).toBe(405)
  })

  test('accepts senders that log in (smtp://user:pass@…)', async () => {
    catcher = await startMailCatcher()
    const withCredentials = catcher.smtpUrl.replace('smtp://', 'smtp://site:secret@')
    await sendThrough(withCredentials, {to: 'a@example.com', subject: 'authenticated', text: 'hi'})
    expect((await messages(catcher.url)).map((m) => m.subject)).toEqual(['authenticated'])
  })

  test('the inbox pages show messages with everything escaped', async () => {
    catcher = await startMailCatcher()
    await sendThrough(catcher.smtpUrl, {
      to: 'a@example.com',
      subject: '<script>alert(1)</script>',
      text: 'Approve: http://localhost:3000/moderate/abc.def\n<img src=x onerror=alert(2)>',
      html: '<p onclick="alert(3)">hi</p>',
    })
    const inbox = await (await fetch(catcher.url)).text()
    expect(inbox).toContain('<html lang="en">')
    expect(inbox).toContain('&#60;script&#62;alert(1)&#60;/script&#62;')
    expect(inbox).not.toContain('<script>')

    const [message] = await messages(catcher.url)
    const page = await fetch(`${catcher.url}/messages/${message!.id}`)
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
    const html = await page.text()
    expect(html).toContain('<a href="http://localhost:3000/moderate/abc.def">')
    expect(html).toContain('&#60;img src=x onerror=alert(2)&#62;')
    expect(html).not.toContain('<img')
    // The email's own HTML only inside a script-less sandbox, as an escaped attribute.
    expect(html).toMatch(/<iframe [^>]*sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="&#60;p onclick=&#34;alert\(3\)&#34;&#62;hi&#60;\/p&#62;">/)
  })

  test('keeps messages in its file across a restart', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mail-catcher-')), 'mail', 'messages.json')
    catcher = await startMailCatcher({file})
    await sendThrough(catcher.smtpUrl, {to: 'a@example.com', subject: 'kept', text: 'still here'})
    await catcher.close()

    catcher = await startMailCatcher({file})
    expect((await messages(catcher.url)).map((m) => m.text.trim())).toEqual(['still here'])
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600')
  })
})
