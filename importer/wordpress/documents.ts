import {htmlToText} from './content-to-portable-text'
import {isoSeconds} from './dates'
import {wordpressIds} from './ids'
import type {ImportedDocument} from './lake-writer'
import type {BodyBlock, ImageBlock} from './portable-text'
import type {WxrAuthor, WxrItem, WxrSite, WxrTerm} from './wxr-records'

/** The Sanity documents for WordPress's site, authors, categories, posts and pages. */

const slug = (current: string) => ({_type: 'slug', current})

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** WordPress percent-encodes slugs with other characters than ASCII letters. */
export function decodedSlug(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

export function siteSettingsDocument(site: WxrSite): ImportedDocument {
  return {
    _id: 'siteSettings',
    _type: 'siteSettings',
    title: htmlToText(site.title) || 'Blog',
    ...(site.description ? {tagline: htmlToText(site.description)} : {}),
  }
}

/** An author as readers see them: the email stays in WordPress, never on a public document. */
export function authorDocument(author: Pick<WxrAuthor, 'login' | 'displayName'>): ImportedDocument {
  return {
    _id: wordpressIds.author(author.login),
    _type: 'author',
    name: htmlToText(author.displayName) || author.login,
    slug: slug(slugify(author.login) || 'author'),
  }
}

export function categoryDocument(category: Pick<WxrTerm, 'slug' | 'name' | 'description' | 'parent'>): ImportedDocument {
  return {
    _id: wordpressIds.category(category.slug),
    _type: 'category',
    title: htmlToText(category.name),
    slug: slug(decodedSlug(category.slug)),
    ...(category.description ? {description: htmlToText(category.description)} : {}),
    // Weak, like a page's parent: a parent the export leaves out must not stop the import.
    ...(category.parent ? {parent: {_type: 'reference', _ref: wordpressIds.category(category.parent), _weak: true}} : {}),
  }
}

/** A tag's address and description; posts name their tags by `title`, as WordPress shows them. */
export function tagDocument(tag: Pick<WxrTerm, 'slug' | 'name' | 'description'>): ImportedDocument {
  return {
    _id: wordpressIds.tag(tag.slug),
    _type: 'tag',
    title: htmlToText(tag.name),
    slug: slug(decodedSlug(tag.slug)),
    ...(tag.description ? {description: htmlToText(tag.description)} : {}),
  }
}

export type ItemStatus = 'published' | 'draft' | 'scheduled' | 'private' | 'pending'
const STATUSES: Record<string, ItemStatus> = {publish: 'published', draft: 'draft', future: 'scheduled', private: 'private', pending: 'pending'}

export function itemStatus(item: WxrItem): ItemStatus | undefined {
  return STATUSES[item.status]
}

export interface ContentParts {
  publishedAt: Date | undefined
  body: BodyBlock[]
  mainImage?: ImageBlock
  legacyPaths: string[]
  authorId: string
  categoryIds: string[]
}

/** A post or a page; anything not published (draft, scheduled, private, pending) is a draft. */
export function contentDocument(item: WxrItem, parts: ContentParts): ImportedDocument {
  const isPage = item.type === 'page'
  const id = isPage ? wordpressIds.page(item.id) : wordpressIds.post(item.id)
  const title = htmlToText(item.title)
  const mainImage = parts.mainImage ? (({_key, ...image}) => image)(parts.mainImage) : undefined
  const common = {
    _id: itemStatus(item) === 'published' ? id : `drafts.${id}`,
    _type: isPage ? 'page' : 'post',
    title,
    slug: slug(decodedSlug(item.slug) || slugify(title) || item.id),
    ...(parts.publishedAt ? {publishedAt: isoSeconds(parts.publishedAt)} : {}),
    ...(item.excerpt ? {excerpt: htmlToText(item.excerpt)} : {}),
    body: parts.body,
    ...(mainImage ? {mainImage} : {}),
    commentsOpen: item.commentStatus !== 'closed',
    legacyPaths: parts.legacyPaths,
    importedFrom: {id: Number(item.id)},
  }
  if (isPage) {
    return {...common, ...(item.parent && item.parent !== '0' ? {parent: {_type: 'reference', _ref: wordpressIds.page(item.parent), _weak: true}} : {})}
  }
  const tags = item.terms.filter((term) => term.domain === 'post_tag').map((term) => htmlToText(term.name))
  return {
    ...common,
    author: {_type: 'reference', _ref: parts.authorId},
    ...(parts.categoryIds.length > 0
      ? {categories: parts.categoryIds.map((ref) => ({_type: 'reference', _ref: ref, _key: ref.replace(/^wp-category-/, '')}))}
      : {}),
    ...(tags.length > 0 ? {tags: [...new Set(tags)]} : {}),
    ...(item.sticky === '1' ? {sticky: true} : {}),
  }
}
