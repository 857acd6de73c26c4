/**
 * Headers for pages opened from an emailed link whose address is itself the key (moderation,
 * unsubscribe, privacy): never cached, never indexed, and the address never handed on to
 * another site in a Referer. `same-origin`, not `no-referrer`: under `no-referrer` browsers send
 * `Origin: null` with the page's own form posts, which every same-origin check must refuse.
 */
export const LINK_PAGE_HEADERS: Record<string, string> = {
  'Cache-Control': 'private, no-store',
  'Referrer-Policy': 'same-origin',
  'X-Robots-Tag': 'noindex',
}
