import type {WxrItem} from './wxr-records'
import {metaValues} from './wxr-records'

/**
 * The addresses a post or page had on WordPress, as paths the site looks up (`legacyPaths`):
 * its permalink in the export's own structure, `/?p=` or `/?page_id=`, its old slugs, and
 * its attachments' pages. The site answers each with a 301 to the new address.
 */
export interface AttachmentAddresses {
  link: string
  id: string
}

export function pathOf(link: string): string | undefined {
  try {
    const url = new URL(link)
    return `${decodeURI(url.pathname)}${url.search}` || '/'
  } catch {
    return undefined
  }
}

export function legacyPaths(item: WxrItem, attachments: AttachmentAddresses[]): string[] {
  const paths = new Set<string>()
  const permalink = pathOf(item.link)
  if (permalink) paths.add(permalink)
  paths.add(item.type === 'page' ? `/?page_id=${item.id}` : `/?p=${item.id}`)
  // WordPress keeps a post's earlier slugs and sends their addresses to the current one.
  if (permalink && item.slug && permalink.includes(`/${decodeURIComponent(item.slug)}/`)) {
    for (const old of metaValues(item, '_wp_old_slug')) {
      paths.add(permalink.replace(`/${decodeURIComponent(item.slug)}/`, `/${decodeURIComponent(old.trim())}/`))
    }
  }
  for (const attachment of attachments) {
    const page = pathOf(attachment.link)
    if (page) paths.add(page)
    paths.add(`/?attachment_id=${attachment.id}`)
  }
  return [...paths]
}
