import {describe, expect, test} from 'vitest'
import {mailStartupNotice, parseMailEnv} from './mail-env.server'

describe('mail settings', () => {
  test('SMTP_URL must be smtp:// or smtps://; MAIL_FROM an address or "Name" <address>', () => {
    expect(parseMailEnv({SMTP_URL: 'smtps://user:pass@mail.example.com:465', MAIL_FROM: '"Life in Balance" <blog@example.com>'})).toEqual({
      SMTP_URL: 'smtps://user:pass@mail.example.com:465',
      MAIL_FROM: '"Life in Balance" <blog@example.com>',
    })
    expect(parseMailEnv({MAIL_FROM: 'blog@example.com'}).MAIL_FROM).toBe('blog@example.com')
    expect(() => parseMailEnv({SMTP_URL: 'http://mail.example.com'})).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ address/)
    expect(() => parseMailEnv({MAIL_FROM: 'Life in Balance'})).toThrow(/MAIL_FROM/)
  })

  test('without SMTP_URL a public site warns loudly, a local one just notes it', () => {
    const publicSite = {NODE_ENV: 'production', SITE_URL: 'https://blog.example.com'} as const
    const localSite = {NODE_ENV: 'production', SITE_URL: 'http://localhost:3000'} as const
    expect(mailStartupNotice({}, publicSite)).toMatchObject({level: 'warn', message: expect.stringContaining('sends NO email')})
    expect(mailStartupNotice({}, localSite)).toEqual({level: 'info', message: 'SMTP_URL is not set: emails are logged and not sent.'})
    expect(mailStartupNotice({SMTP_URL: 'smtp://127.0.0.1:2525'}, publicSite)).toBeNull()
  })
})
