import {getEnv} from '~/env.server'

/** An absolute address on the site, for emails and downloads. */
export function siteLink(path: string): string {
  return new URL(path, getEnv().SITE_URL).href
}
