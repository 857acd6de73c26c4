import {isSameOrigin} from '~/security/same-origin.server'
import type {Gate} from '../comment-pipeline.server'

/** Refuses a comment posted from another site's page (cross-site request forgery). */
export function sameOriginGate(siteOrigin: string): Gate {
  return {
    name: 'same-origin',
    run: ({request}) =>
      isSameOrigin({origin: request.origin, secFetchSite: request.secFetchSite}, siteOrigin)
        ? null
        : {status: 403, message: 'This comment was sent from another website, so it was not posted. To comment, use the form on this page.'},
  }
}
