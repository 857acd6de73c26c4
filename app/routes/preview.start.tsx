import type {LoaderFunctionArgs} from '@remix-run/node'
import {redirect} from '@remix-run/node'
import {signPreviewLink} from '~/preview/preview-link.server'
import {redeemPreviewSecret} from '~/sanity/preview.server'

/**
 * Where Studio's "Preview on site" button lands: it trades the one-time secret Studio wrote
 * to the lake for a signed preview link that works for an hour and can be shared.
 */
export async function loader({request}: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const documentId = await redeemPreviewSecret(url.searchParams.get('id') ?? '', url.searchParams.get('secret') ?? '')
  if (!documentId) {
    throw new Response('This preview button has already been used or has expired. Press “Preview on site” in Studio again.', {
      status: 403,
      headers: {'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8'},
    })
  }
  return redirect(`/preview/${signPreviewLink(documentId)}/`, {status: 303, headers: {'Cache-Control': 'no-store'}})
}
