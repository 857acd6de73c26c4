import nodemailer, {type Transporter} from 'nodemailer'
import {getEnv} from '~/env.server'
import {getSiteSettings} from '~/sanity/site-settings.server'
import {getMailEnv} from './mail-env.server'

export interface OutgoingMail {
  /** One recipient per message: recipients never see each other's addresses. */
  to: string
  subject: string
  text: string
  html: string
  /**
   * A signed "stop these emails" link, sent as RFC 8058's one-click `List-Unsubscribe` headers
   * so the reader's mail program can offer it (decision 0230). Mail to readers only: moderators
   * change who is emailed in Site settings.
   */
  unsubscribeUrl?: string
}

/** RFC 2369 and RFC 8058 headers: the mail program POSTs `List-Unsubscribe=One-Click` to the link. */
export function listUnsubscribeHeaders(url: string): Record<string, string> {
  return {'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'}
}

export type SendOutcome = 'sent' | 'skipped'

// Don't let a slow mail server hold a request (or a retried webhook) for long.
const SEND_TIMEOUT_MS = 15_000

let transporter: Transporter | undefined

function transport(smtpUrl: string): Transporter {
  transporter ??= nodemailer.createTransport(smtpUrl)
  return transporter
}

/** `"<blog title>" <no-reply@<site host>>`, unless MAIL_FROM says otherwise. */
async function sender(): Promise<string> {
  const configured = getMailEnv().MAIL_FROM
  if (configured) return configured
  const host = new URL(getEnv().SITE_URL).hostname
  const title = await getSiteSettings().then(
    (settings) => settings.title,
    () => 'Blog',
  )
  return `"${title.replace(/["\\\r\n]/g, '')}" <no-reply@${host}>`
}

/**
 * Sends one email over SMTP_URL. Without SMTP_URL it logs what it would have sent (the subject,
 * never the address) and returns 'skipped'. Failures throw, so callers
 * can leave their "sent" marker unset and a retry can try again.
 */
export async function sendMail(mail: OutgoingMail): Promise<SendOutcome> {
  const {SMTP_URL} = getMailEnv()
  if (!SMTP_URL) {
    console.info(`Email not sent (SMTP_URL is not set): "${mail.subject}".`)
    return 'skipped'
  }
  await transport(SMTP_URL).sendMail({
    from: await sender(),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    ...(mail.unsubscribeUrl ? {headers: listUnsubscribeHeaders(mail.unsubscribeUrl)} : {}),
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  })
  return 'sent'
}
