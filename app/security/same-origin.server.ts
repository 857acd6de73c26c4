/**
 * Whether a state-changing request comes from the site's own pages. Browsers send `Origin` on
 * every cross-site POST (and `Sec-Fetch-Site`), so a form on another site can't pass; requests
 * with neither header come from non-browser clients, which carry no reader's cookies and so
 * can't be used against a reader.
 */
export interface OriginHeaders {
  origin?: string | null
  secFetchSite?: string | null
}

export function isSameOrigin(headers: OriginHeaders, siteOrigin: string): boolean {
  const origin = headers.origin
  if (origin && origin !== 'null') return origin === siteOrigin
  if (origin === 'null') return false
  const site = headers.secFetchSite
  if (site) return site === 'same-origin' || site === 'none'
  return true
}

export function originHeaders(request: Request): OriginHeaders {
  return {origin: request.headers.get('Origin'), secFetchSite: request.headers.get('Sec-Fetch-Site')}
}
