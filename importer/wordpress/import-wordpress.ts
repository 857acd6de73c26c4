import type {SanityClient} from '@sanity/client'
import {DEFAULT_TIME_ZONE} from '../../contract/documents'
import {type AttachmentAddresses, legacyPaths} from './addresses'
import {commentsOf} from './comments'
import {contentToPortableText} from './content-to-portable-text'
import {wordpressInstant} from './dates'
import {authorDocument, categoryDocument, contentDocument, itemStatus, siteSettingsDocument, tagDocument} from './documents'
import {wordpressIds} from './ids'
import {type ImportedDocument, LakeWriter} from './lake-writer'
import {type Attachment, MediaLibrary} from './media'
import {ImportReport} from './report'
import {readWxr} from './wxr-reader'
import {metaValues, type WxrAuthor, type WxrItem} from './wxr-records'

/**
 * `npm run import:wordpress`'s work. The file is read twice, streaming: first to check it
 * is a well-formed WordPress export (a broken file stops here, before anything is written)
 * and to note the attachments and authors that posts refer to; then to convert and write
 * each item in turn. Memory holds one item at a time and the small indexes.
 */
/** Where the documents go: the lake (LakeWriter), or anything that collects them. */
export interface DocumentSink {
  write(documents: ImportedDocument[]): Promise<void>
}

export interface ImportOptions {
  file: string
  /** The dataset written to; without one (and a sink), documents are only collected. */
  client?: SanityClient
  sink?: DocumentSink
  dryRun?: boolean
  overwrite?: boolean
  mediaFolder?: string
  download?: boolean
  /** The site's keyed hash of a network address (comment-private documents store only that). */
  hashAddress: (address: string) => string
  onProgress?: (pass: 'checking' | 'importing', bytesRead: number) => void
}

interface Index {
  attachments: Map<string, Attachment>
  attachmentsByParent: Map<string, AttachmentAddresses[]>
  authors: Map<string, WxrAuthor>
  categories: Set<string>
  tags: Set<string>
}

async function scan(options: ImportOptions): Promise<Index> {
  const index: Index = {attachments: new Map(), attachmentsByParent: new Map(), authors: new Map(), categories: new Set(), tags: new Set()}
  await readWxr(
    options.file,
    (record) => {
      if (record.kind === 'author') index.authors.set(record.login, record)
      if (record.kind === 'category') index.categories.add(record.slug)
      if (record.kind === 'tag') index.tags.add(record.slug)
      if (record.kind !== 'item' || record.type !== 'attachment') return
      index.attachments.set(record.id, {
        id: record.id,
        url: record.attachmentUrl || record.guid,
        alt: metaValues(record, '_wp_attachment_image_alt')[0]?.trim() ?? '',
        caption: record.excerpt,
        parent: record.parent,
        link: record.link,
      })
      if (record.parent && record.parent !== '0') {
        const siblings = index.attachmentsByParent.get(record.parent) ?? []
        siblings.push({id: record.id, link: record.link})
        index.attachmentsByParent.set(record.parent, siblings)
      }
    },
    (bytes) => options.onProgress?.('checking', bytes),
  )
  return index
}

async function siteTimeZone(client: SanityClient | undefined): Promise<string> {
  if (!client) return DEFAULT_TIME_ZONE
  try {
    return (await client.fetch<string | null>('*[_id == "siteSettings"][0].timeZone', {}, {perspective: 'raw'})) ?? DEFAULT_TIME_ZONE
  } catch (error) {
    // A dataset that does not exist yet holds no settings.
    if ((error as {statusCode?: number}).statusCode === 404) return DEFAULT_TIME_ZONE
    throw error
  }
}

const SKIPPED_TYPES_QUIETLY = new Set(['revision', 'nav_menu_item', 'customize_changeset', 'custom_css', 'oembed_cache', 'wp_global_styles', 'user_request'])

export async function importWordPress(options: ImportOptions): Promise<ImportReport> {
  const index = await scan(options)
  const report = new ImportReport()
  const writer = options.sink ?? new LakeWriter(options.client!, {dryRun: options.dryRun ?? false, overwrite: options.overwrite ?? false, report})
  const media = new MediaLibrary(
    options.client,
    {folder: options.mediaFolder, download: options.download ?? true, dryRun: (options.dryRun ?? false) || !options.client},
    index.attachments,
  )
  const timeZone = await siteTimeZone(options.client)
  const writtenAuthors = new Set<string>()

  const ensureAuthor = async (login: string) => {
    if (writtenAuthors.has(login)) return
    writtenAuthors.add(login)
    report.count('author', 'imported')
    await writer.write([authorDocument(index.authors.get(login) ?? {login, displayName: login})])
  }
  const writtenTerms = {category: new Set<string>(), tag: new Set<string>()}
  const ensureTerm = async (term: {kind: 'category' | 'tag'; slug: string; name: string; description: string; parent: string}) => {
    if (writtenTerms[term.kind].has(term.slug)) return
    writtenTerms[term.kind].add(term.slug)
    report.count(term.kind, 'imported')
    await writer.write([term.kind === 'category' ? categoryDocument(term) : tagDocument(term)])
  }

  const importItem = async (item: WxrItem) => {
    const where = `${item.type === 'page' ? 'Page' : 'Post'} ${item.id} “${item.title}” (line ${item.line})`
    const status = itemStatus(item)
    if (!status) {
      report.count(item.type, `${item.status} (skipped)`)
      report.note(where, `status "${item.status}" is not content to import: skipped`)
      return
    }
    report.count(item.type, status)
    const note = (what: string) => report.note(where, what)
    const body = await media.resolveBody(
      contentToPortableText(item.content, {notUnderstood: note, attachmentsOfPost: () => (index.attachmentsByParent.get(item.id) ?? []).map((a) => a.id)}),
      note,
    )
    const thumbnail = metaValues(item, '_thumbnail_id')[0]?.trim()
    const mainImage = thumbnail ? await media.resolveImage({_type: 'image', _key: 'main', source: {attachmentId: thumbnail}}, note) : undefined
    const login = item.creator || 'unknown'
    await ensureAuthor(login)
    const categoryTerms = item.terms.filter((term) => term.domain === 'category')
    // Terms an item uses that the export's list of terms left out still get their documents.
    for (const term of categoryTerms) if (!index.categories.has(term.slug)) await ensureTerm({...term, kind: 'category', description: '', parent: ''})
    for (const term of item.terms.filter((candidate) => candidate.domain === 'post_tag')) {
      if (!index.tags.has(term.slug)) await ensureTerm({...term, kind: 'tag', description: '', parent: ''})
    }
    const publishedAt = wordpressInstant(item.postDateGmt, item.postDate, timeZone)
    const document = contentDocument(item, {
      publishedAt,
      body,
      ...(mainImage ? {mainImage} : {}),
      legacyPaths: legacyPaths(item, index.attachmentsByParent.get(item.id) ?? []),
      authorId: wordpressIds.author(login),
      categoryIds: [...new Set(categoryTerms.map((term) => wordpressIds.category(term.slug)))],
    })
    const author = index.authors.get(login)
    const comments = commentsOf(item.comments, {
      postId: document._id.replace(/^drafts\./, ''),
      postTitle: item.title,
      ...(author ? {postAuthor: {userId: author.id, email: author.email}} : {}),
      timeZone,
      hashAddress: options.hashAddress,
      report,
    })
    await writer.write([document, ...(comments as ImportedDocument[])])
  }

  await readWxr(
    options.file,
    async (record) => {
      switch (record.kind) {
        case 'site':
          report.count('site settings', 'imported')
          return writer.write([siteSettingsDocument(record)])
        case 'author':
          return ensureAuthor(record.login)
        case 'category':
        case 'tag':
          return ensureTerm(record)
        case 'item':
          if (record.type === 'post' || record.type === 'page') return importItem(record)
          if (record.type === 'attachment') return report.count('attachment', 'indexed')
          report.count(record.type, 'skipped')
          if (!SKIPPED_TYPES_QUIETLY.has(record.type))
            report.note(`Item ${record.id} “${record.title}” (line ${record.line})`, `type "${record.type}" is not a post or a page: skipped`)
      }
    },
    (bytes) => options.onProgress?.('importing', bytes),
  )
  return report
}
