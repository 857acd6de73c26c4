import fs from 'node:fs'
import {SaxesParser, type SaxesTag} from 'saxes'
import type {WxrComment, WxrItem, WxrRecord, WxrSite} from './wxr-records'

/** The file is not a readable WordPress export; `line` is where reading stopped. */
export class WxrError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`${message} (line ${line})`)
    this.name = 'WxrError'
  }
}

const SUPPORTED_VERSIONS = new Set(['1.0', '1.1', '1.2'])

// Elements whose children are the fields of one record; everything else is a field.
const CONTAINERS = new Set(['channel', 'wp:author', 'wp:category', 'wp:tag', 'item', 'wp:postmeta', 'wp:comment'])

type Fields = Record<string, string>
interface Open {
  name: string
  fields?: Fields
  text: string
}

const field = (fields: Fields, name: string) => (fields[name] ?? '').trim()
// Content keeps its own whitespace: WordPress's paragraphs are made from its blank lines.
const raw = (fields: Fields, name: string) => fields[name] ?? ''

function commentFrom(fields: Fields): WxrComment {
  return {
    id: field(fields, 'wp:comment_id'),
    author: field(fields, 'wp:comment_author'),
    email: field(fields, 'wp:comment_author_email'),
    url: field(fields, 'wp:comment_author_url'),
    ip: field(fields, 'wp:comment_author_IP'),
    date: field(fields, 'wp:comment_date'),
    dateGmt: field(fields, 'wp:comment_date_gmt'),
    content: raw(fields, 'wp:comment_content'),
    approved: field(fields, 'wp:comment_approved'),
    type: field(fields, 'wp:comment_type'),
    parent: field(fields, 'wp:comment_parent'),
    userId: field(fields, 'wp:comment_user_id'),
  }
}

/**
 * Reads a WXR file as a stream, calling `onRecord` for each author, category, tag and item
 * in order (waiting for it before reading on, so memory stays bounded by one item), and
 * `onProgress` with the bytes read so far. A file that is not well-formed XML, or not a
 * WordPress export of a version we read, is a WxrError naming the line.
 */
export async function readWxr(
  file: string,
  onRecord: (record: WxrRecord) => void | Promise<void>,
  onProgress: (bytesRead: number) => void = () => {},
): Promise<void> {
  const parser = new SaxesParser({position: true})
  const stack: Open[] = []
  const pending: WxrRecord[] = []
  let site: WxrSite | undefined
  let channelFields: Fields | undefined
  let item: {fields: Fields; line: number; terms: WxrItem['terms']; meta: WxrItem['meta']; comments: WxrComment[]} | undefined
  let sawRoot = false

  const fail = (message: string): never => {
    throw new WxrError(message, parser.line)
  }
  const announceSite = () => {
    if (site || !channelFields) return
    const wxrVersion = field(channelFields, 'wp:wxr_version')
    if (!wxrVersion) fail('Not a WordPress export: the channel has no <wp:wxr_version> before its content')
    if (!SUPPORTED_VERSIONS.has(wxrVersion)) fail(`WordPress export version ${wxrVersion} is not one this importer reads (1.0 to 1.2)`)
    site = {
      kind: 'site',
      title: field(channelFields, 'title'),
      link: field(channelFields, 'link'),
      description: field(channelFields, 'description'),
      language: field(channelFields, 'language'),
      baseSiteUrl: field(channelFields, 'wp:base_site_url'),
      baseBlogUrl: field(channelFields, 'wp:base_blog_url') || field(channelFields, 'link'),
      wxrVersion,
    }
    pending.push(site)
  }

  parser.on('opentag', (tag: SaxesTag) => {
    if (!sawRoot) {
      sawRoot = true
      if (tag.name !== 'rss') fail(`Not a WordPress export: the document is <${tag.name}>, not <rss>`)
    }
    const parent = stack.at(-1)
    if (parent?.name === 'channel' && CONTAINERS.has(tag.name)) announceSite()
    const open: Open = {name: tag.name, text: ''}
    if (CONTAINERS.has(tag.name)) open.fields = {}
    if (tag.name === 'channel') channelFields = open.fields
    if (tag.name === 'item') item = {fields: open.fields!, line: parser.line, terms: [], meta: [], comments: []}
    if (tag.name === 'category' && parent?.name === 'item') {
      open.fields = {domain: String(tag.attributes.domain ?? ''), slug: String(tag.attributes.nicename ?? '')}
    }
    stack.push(open)
  })
  const addText = (text: string) => {
    const open = stack.at(-1)
    if (open) open.text += text
  }
  parser.on('text', addText)
  parser.on('cdata', addText)
  parser.on('closetag', () => {
    const open = stack.pop()!
    const parent = stack.at(-1)
    switch (open.name) {
      case 'channel':
        announceSite()
        return
      case 'wp:author': {
        const fields = open.fields!
        pending.push({
          kind: 'author',
          id: field(fields, 'wp:author_id'),
          login: field(fields, 'wp:author_login'),
          email: field(fields, 'wp:author_email'),
          displayName: field(fields, 'wp:author_display_name'),
          firstName: field(fields, 'wp:author_first_name'),
          lastName: field(fields, 'wp:author_last_name'),
        })
        return
      }
      case 'wp:category':
        if (parent?.name !== 'channel') break
        pending.push({
          kind: 'category',
          slug: field(open.fields!, 'wp:category_nicename'),
          name: field(open.fields!, 'wp:cat_name'),
          description: field(open.fields!, 'wp:category_description'),
          parent: field(open.fields!, 'wp:category_parent'),
        })
        return
      case 'wp:tag':
        pending.push({
          kind: 'tag',
          slug: field(open.fields!, 'wp:tag_slug'),
          name: field(open.fields!, 'wp:tag_name'),
          description: field(open.fields!, 'wp:tag_description'),
          parent: '',
        })
        return
      case 'category':
        if (parent?.name === 'item' && item) {
          item.terms.push({domain: open.fields!.domain!, slug: open.fields!.slug!, name: open.text.trim()})
        }
        return
      case 'wp:postmeta':
        item?.meta.push({key: field(open.fields!, 'wp:meta_key'), value: raw(open.fields!, 'wp:meta_value')})
        return
      case 'wp:comment':
        item?.comments.push(commentFrom(open.fields!))
        return
      case 'item': {
        const fields = open.fields!
        pending.push({
          kind: 'item',
          line: item!.line,
          id: field(fields, 'wp:post_id'),
          title: field(fields, 'title'),
          link: field(fields, 'link'),
          guid: field(fields, 'guid'),
          creator: field(fields, 'dc:creator'),
          content: raw(fields, 'content:encoded'),
          excerpt: raw(fields, 'excerpt:encoded').trim(),
          postDate: field(fields, 'wp:post_date'),
          postDateGmt: field(fields, 'wp:post_date_gmt'),
          commentStatus: field(fields, 'wp:comment_status'),
          slug: field(fields, 'wp:post_name'),
          status: field(fields, 'wp:status'),
          parent: field(fields, 'wp:post_parent'),
          type: field(fields, 'wp:post_type'),
          sticky: field(fields, 'wp:is_sticky'),
          attachmentUrl: field(fields, 'wp:attachment_url'),
          terms: item!.terms,
          meta: item!.meta,
          comments: item!.comments,
        })
        item = undefined
        return
      }
    }
    // A field: its text belongs to the record being read (the first value wins, as WordPress reads it).
    if (parent?.fields && !(open.name in parent.fields)) parent.fields[open.name] = open.text
  })

  // Only the parser's own errors are the file's fault; a failing onRecord is passed on as it is.
  const feed = (chunk: string | null) => {
    try {
      if (chunk === null) parser.close()
      else parser.write(chunk)
    } catch (error) {
      if (error instanceof WxrError) throw error
      // saxes's messages start with "line:column: "; the line is said once, our way.
      const message = error instanceof Error ? error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '') : String(error)
      throw new WxrError(`Not well-formed XML: ${message}`, parser.line)
    }
  }
  const stream = fs.createReadStream(file, {encoding: 'utf8'})
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      feed(chunk)
      for (const record of pending.splice(0)) await onRecord(record)
      onProgress(stream.bytesRead)
    }
    if (!sawRoot) throw new WxrError('The file is empty: no WordPress export in it', 1)
    feed(null)
  } finally {
    stream.destroy()
  }
  for (const record of pending.splice(0)) await onRecord(record)
  if (!site) throw new WxrError('Not a WordPress export: no <channel> with a <wp:wxr_version>', parser.line)
}
