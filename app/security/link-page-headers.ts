/**
 * Headers for pages opened from an emailed link whose address is itself the key (moderation,
 * unsubscribe, privacy): never cached, never indexed, and the address never handed on to
 * another site in a Referer.
 */
export const LINK_PAGE_HEADERS: Record<string, string> = {
  'Cache-Control': 'private, no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex',
}
