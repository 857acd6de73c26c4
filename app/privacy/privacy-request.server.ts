import {z} from 'zod'
import {getEnv} from '~/env.server'
import {sentence} from '~/lib/wording'
import {composeMail} from '~/mail/compose.server'
import {sendMail} from '~/mail/mailer.server'
import {getWriteClient} from '~/sanity/client.server'
import {getSiteSettings} from '~/sanity/site-settings.server'
import {networkPrefix} from '~/security/network-address.server'
import {RateLimiter, takeIfAllowed} from '~/security/rate-limiter.server'
import {isSameOrigin, originHeaders} from '~/security/same-origin.server'
import {countComments} from './commenter-data.server'
import {PRIVACY_LINK_HOURS, privacyLink} from './privacy-links.server'

/**
 * "Email me a link to my comments." The answer never says whether the address has comments
 * here (that would tell anyone who commented); the email goes only to the address itself,
 * and only if it has comments. The lookup and the sending happen after the answer, so its
 * timing gives nothing away either.
 */

export type PrivacyRequestPage =
  | {state: 'form'}
  | {state: 'sent'}
  | {state: 'invalid-email'; email: string}
  | {state: 'too-many'; retryAfterMinutes: number}
  | {state: 'cross-site'}

const HOUR = 60 * 60 * 1000
// An address can't be flooded with links, and one network can't send many requests.
const perEmail = new RateLimiter('privacy-links-by-email', 3, HOUR)
const perNetwork = new RateLimiter('privacy-links-by-network', 10, HOUR)

const Email = z.email().max(254)

export async function sendPrivacyLinkIfKnown(email: string): Promise<'sent' | 'skipped' | 'unknown'> {
  if ((await countComments(getWriteClient(), email)) === 0) return 'unknown'
  const title = await getSiteSettings().then(
    (settings) => settings.title,
    () => 'the blog',
  )
  return sendMail({
    to: email,
    subject: `Your comments on ${title}`,
    ...composeMail({
      heading: 'Your comments: get a copy or erase them',
      paragraphs: [
        sentence(`Someone (hopefully you) asked for a link to the comments this address left on ${title}`),
        `Follow it to download a copy of your comments and what we keep about them, or to erase them. It works for ${PRIVACY_LINK_HOURS} hours.`,
      ],
      actions: [{label: 'Manage your comments', url: privacyLink(email)}],
      footer: {text: 'If you did not ask for this, ignore this email: nothing changes unless the link is used.'},
    }),
  })
}

/**
 * Handles the form: `clientAddress` is the requester's network address, or '' when the
 * server can't tell (then all such requests share one limit).
 */
export async function requestPrivacyLink(request: Request, clientAddress: string, now = Date.now()): Promise<PrivacyRequestPage> {
  if (!isSameOrigin(originHeaders(request), new URL(getEnv().SITE_URL).origin)) return {state: 'cross-site'}
  const form = await request.formData()
  const given = String(form.get('email') ?? '').trim()
  const parsed = Email.safeParse(given)
  if (!parsed.success) return {state: 'invalid-email', email: given.slice(0, 254)}
  const email = parsed.data.toLowerCase()
  const network = networkPrefix(clientAddress)
  const wait = takeIfAllowed(
    [
      [perEmail, email],
      [perNetwork, network],
    ],
    now,
  )
  if (wait > 0) return {state: 'too-many', retryAfterMinutes: Math.ceil(wait / 60_000)}
  void sendPrivacyLinkIfKnown(email).catch((error: unknown) => console.error('A privacy link could not be sent:', error))
  return {state: 'sent'}
}
