import {getEnv} from '~/env.server'
import {getWriteClient} from '~/sanity/client.server'
import {LINK_PAGE_HEADERS} from '~/security/link-page-headers'
import {isSameOrigin, originHeaders} from '~/security/same-origin.server'
import {countComments, eraseCommenterData, exportCommenterData} from './commenter-data.server'
import {checkPrivacyToken} from './privacy-links.server'

/** The page a privacy link opens: a copy to download, and erasure after confirming. */

export type PrivacyPage =
  | {state: 'invalid' | 'expired' | 'cross-site'}
  | {state: 'ready'; email: string; count: number; unconfirmed?: true}
  | {state: 'erased'; deleted: number; anonymised: number}

const HTTP_STATUS: Record<PrivacyPage['state'], number> = {
  invalid: 400,
  expired: 410,
  'cross-site': 403,
  ready: 200,
  erased: 200,
}

export function httpStatusOf(page: PrivacyPage): number {
  return HTTP_STATUS[page.state]
}

export async function privacyPage(token: string): Promise<PrivacyPage> {
  const check = checkPrivacyToken(token)
  if (!check.ok) return {state: check.reason}
  return {state: 'ready', email: check.data.email, count: await countComments(getWriteClient(), check.data.email)}
}

export async function performErasure(request: Request, token: string): Promise<PrivacyPage> {
  if (!isSameOrigin(originHeaders(request), new URL(getEnv().SITE_URL).origin)) return {state: 'cross-site'}
  const check = checkPrivacyToken(token)
  if (!check.ok) return {state: check.reason}
  const form = await request.formData()
  if (form.get('confirm') !== 'yes') {
    return {...(await privacyPage(token)), unconfirmed: true} as PrivacyPage
  }
  const outcome = await eraseCommenterData(getWriteClient(), check.data.email)
  return {state: 'erased', ...outcome}
}

/** The download: JSON, as an attachment, never cached. */
export async function exportDownload(token: string, now = new Date()): Promise<Response> {
  const check = checkPrivacyToken(token)
  if (!check.ok) {
    return new Response(
      check.reason === 'expired'
        ? 'This link has expired. Ask for a new one at /privacy/comments.'
        : 'This link is not valid. Ask for a new one at /privacy/comments.',
      {status: check.reason === 'expired' ? 410 : 400, headers: {...LINK_PAGE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8'}},
    )
  }
  const data = await exportCommenterData(getWriteClient(), check.data.email, now)
  return new Response(`${JSON.stringify(data, null, 2)}\n`, {
    headers: {
      ...LINK_PAGE_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="my-comments-${now.toISOString().slice(0, 10)}.json"`,
    },
  })
}
