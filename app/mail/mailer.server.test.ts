import {afterEach, expect, test, vi} from 'vitest'

afterEach(() => {
  vi.unstubAllEnvs()
  vi.resetModules()
  vi.restoreAllMocks()
})

test('without SMTP_URL an email is skipped and logged by subject, never by address', async () => {
  vi.stubEnv('SMTP_URL', undefined)
  const info = vi.spyOn(console, 'info').mockImplementation(() => {})
  const {sendMail} = await import('./mailer.server')
  expect(await sendMail({to: 'reader@example.com', subject: 'Your comment is published', text: 't', html: '<p>t</p>'})).toBe('skipped')
  expect(info).toHaveBeenCalledWith('Email not sent (SMTP_URL is not set): "Your comment is published".')
  expect(JSON.stringify(info.mock.calls)).not.toContain('reader@example.com')
})

test('an unreachable SMTP server is an error the caller sees (so it can retry later)', async () => {
  // A port nothing listens on: connection refused.
  vi.stubEnv('SMTP_URL', 'smtp://127.0.0.1:1')
  vi.stubEnv('MAIL_FROM', 'blog@example.com')
  const {sendMail} = await import('./mailer.server')
  await expect(sendMail({to: 'reader@example.com', subject: 's', text: 't', html: '<p>t</p>'})).rejects.toThrow()
})
