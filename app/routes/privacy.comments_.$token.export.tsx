import type {LoaderFunctionArgs} from '@remix-run/node'
import {exportDownload} from '~/privacy/privacy-page.server'

/** The commenter's copy of their comments, as a JSON download (a resource route). */
export function loader({params}: LoaderFunctionArgs) {
  return exportDownload(params.token ?? '')
}
