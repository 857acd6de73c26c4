/**
 * The one rule for putting a stored address in an `href`: whoever wrote it (a commenter
 * through the form or the API, an editor in Studio, an import), it is checked again where it
 * is rendered, since what is stored may have bypassed every form.
 *
 * The address is parsed as a browser parses it (the URL standard strips leading and trailing
 * spaces and control characters and drops tabs and newlines anywhere, so `\u0001java\tscript:`
 * is `javascript:`), then kept only if its scheme is allowed. Relative and protocol-relative
 * addresses (`//evil.example`) are refused: a stored link names its scheme.
 */
export const WEB_SCHEMES = ['http:', 'https:'] as const
/** What Studio lets an editor link to in a post's body. */
export const BODY_LINK_SCHEMES = [...WEB_SCHEMES, 'mailto:', 'tel:'] as const

/** The normalised address, safe to put in an `href`; null when it must render as plain text. */
export function safeLinkHref(value: unknown, schemes: readonly string[] = WEB_SCHEMES): string | null {
  if (typeof value !== 'string' || value.length > 2048) return null
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return null
  }
  return schemes.includes(url.protocol) ? url.href : null
}

/** Whether an address leaves for the web (and so gets `rel="noopener noreferrer"`). */
export function isWebLink(href: string): boolean {
  return (WEB_SCHEMES as readonly string[]).includes(new URL(href).protocol)
}
