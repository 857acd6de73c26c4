import {type AnyNode, type Element, isComment, isTag, isText} from 'domhandler'
import {parseDocument} from 'htmlparser2'
import {embedProvider} from './embeds'
import type {BodyBlock, ImageBlock, ImageSource, TextBlock} from './portable-text'
import {expandShortcodes} from './shortcodes'

/**
 * A post's content (classic-editor HTML with WordPress's automatic paragraphs, or block-editor
 * markup) as Portable Text. What is not understood keeps its text and is reported through
 * `notUnderstood`; nothing is dropped without a word.
 */
export interface ConversionContext {
  notUnderstood(what: string): void
  /** The attachments of the post being converted, for a `[gallery]` without ids. */
  attachmentsOfPost(): string[]
}

type Style = TextBlock['style']
type Mark = {decorator: string} | {href: string}

const WRAPPERS = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'aside',
  'center',
  'address',
  'nav',
  'details',
  'summary',
  'dl',
  'dt',
  'dd',
])
const DECORATORS: Record<string, string> = {strong: 'strong', b: 'strong', em: 'em', i: 'em', code: 'code'}
// Only how text looks: its words are all there is to keep.
const PLAIN_INLINE = new Set(['span', 'font', 'small', 'big', 'abbr', 'acronym', 'time', 'label', 'ins', 'wbr', 'bdi', 'bdo', 'cite', 'q'])
// Formatting without a match in the site's editor: the text stays, the look is reported.
const UNMATCHED_INLINE = new Set(['u', 's', 'strike', 'del', 'sub', 'sup', 'mark', 'kbd', 'var', 'samp', 'dfn', 'tt'])
const REMOVED = new Set(['script', 'style', 'noscript', 'form', 'input', 'button', 'select', 'textarea', 'object', 'param'])
// Block-editor blocks whose markup is ordinary HTML the converter reads as it is.
const KNOWN_BLOCKS = new Set([
  'paragraph',
  'heading',
  'list',
  'list-item',
  'quote',
  'pullquote',
  'image',
  'gallery',
  'embed',
  'separator',
  'code',
  'preformatted',
  'table',
  'columns',
  'column',
  'group',
  'freeform',
  'html',
  'spacer',
  'more',
  'verse',
  'shortcode',
])

class Builder {
  readonly blocks: BodyBlock[] = []
  private current: TextBlock | undefined
  private style: Style = 'normal'
  private list: {type: 'bullet' | 'number'; level: number} | undefined
  private inListItem = false
  private marks: Mark[] = []
  private keyCount = 0

  constructor(
    private readonly autop: boolean,
    readonly context: ConversionContext,
  ) {}

  key(): string {
    return `k${(this.keyCount++).toString(36)}`
  }

  /** A run of text in the current block; in classic content a blank line starts a new paragraph. */
  text(text: string, preformatted = false): void {
    if (preformatted) return this.appendText(text)
    if (!this.autop) return this.appendText(text.replace(/\s+/g, ' '))
    const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n\s*/)
    paragraphs.forEach((paragraph, index) => {
      if (index > 0) this.flush()
      this.appendText(paragraph.replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n'))
    })
  }

  private appendText(text: string): void {
    if (!text) return
    if (!this.current && !text.trim()) return
    const block = this.open()
    const marks = this.marks.map((mark) => {
      if ('decorator' in mark) return mark.decorator
      let def = block.markDefs.find((existing) => existing.href === mark.href)
      if (!def) {
        def = {_type: 'link', _key: this.key(), href: mark.href}
        block.markDefs.push(def)
      }
      return def._key
    })
    const last = block.children.at(-1)
    if (last && last.marks.join() === marks.join()) last.text += text
    else block.children.push({_type: 'span', _key: this.key(), text, marks})
  }

  private open(): TextBlock {
    this.current ??= {
      _type: 'block',
      _key: this.key(),
      style: this.style,
      markDefs: [],
      children: [],
      ...(this.list && this.inListItem ? {listItem: this.list.type, level: this.list.level} : {}),
    }
    return this.current
  }

  /** Ends the current block: edges trimmed, empty blocks and links to nothing dropped. */
  flush(): void {
    const block = this.current
    this.current = undefined
    if (!block) return
    const first = block.children[0]
    const last = block.children.at(-1)
    if (first) first.text = first.text.replace(/^\s+/, '')
    if (last) last.text = last.text.replace(/\s+$/, '')
    block.children = block.children.filter((span) => span.text !== '')
    if (block.children.length === 0) return
    const used = new Set(block.children.flatMap((span) => span.marks))
    block.markDefs = block.markDefs.filter((def) => used.has(def._key))
    this.blocks.push(block)
  }

  push(block: BodyBlock): void {
    this.flush()
    this.blocks.push(block)
  }

  within<T>(change: {style?: Style; mark?: Mark; list?: Builder['list']; listItem?: boolean}, run: () => T): T {
    const saved = {style: this.style, marks: this.marks, list: this.list, inListItem: this.inListItem}
    if (change.style) this.style = change.style
    if (change.mark) this.marks = [...this.marks, change.mark]
    if (change.list) this.list = change.list
    if (change.listItem !== undefined) this.inListItem = change.listItem
    try {
      return run()
    } finally {
      Object.assign(this, saved)
    }
  }

  get listLevel(): number {
    return this.list?.level ?? 0
  }
}

const textOf = (node: AnyNode): string => (isText(node) ? node.data : isTag(node) ? (node.name === 'br' ? '\n' : node.children.map(textOf).join('')) : '')
const classes = (element: Element) => (element.attribs.class ?? '').split(/\s+/)
const findFirst = (node: AnyNode, test: (element: Element) => boolean): Element | undefined => {
  if (!isTag(node)) return undefined
  if (test(node)) return node
  for (const child of node.children) {
    const found = findFirst(child, test)
    if (found) return found
  }
  return undefined
}
const findAll = (node: AnyNode, test: (element: Element) => boolean): Element[] =>
  !isTag(node) ? [] : test(node) ? [node] : node.children.flatMap((child) => findAll(child, test))
const isImg = (element: Element) => element.name === 'img'

function imageSource(img: Element): ImageSource {
  const id =
    classes(img)
      .map((name) => /^wp-image-(\d+)$/.exec(name)?.[1])
      .find(Boolean) ?? img.attribs['data-id']
  return {...(id ? {attachmentId: id} : {}), ...(img.attribs.src ? {url: img.attribs.src} : {})}
}

function imageBlock(builder: Builder, img: Element, caption?: string): ImageBlock {
  const alt = (img.attribs.alt ?? '').trim()
  const text = caption?.replace(/\s+/g, ' ').trim()
  return {_type: 'image', _key: builder.key(), source: imageSource(img), ...(alt ? {alt} : {}), ...(text ? {caption: text} : {})}
}

function embed(builder: Builder, url: string): boolean {
  const provider = embedProvider(url)
  if (!provider) return false
  builder.push({_type: 'embed', _key: builder.key(), url: url.trim(), provider})
  return true
}

function figure(builder: Builder, element: Element): void {
  const names = classes(element)
  if (names.includes('wp-block-embed') || names.some((name) => name.startsWith('wp-block-embed-'))) {
    const url = textOf(element).trim().split(/\s+/)[0] ?? ''
    if (embed(builder, url)) return
    builder.context.notUnderstood(`Embed of ${url || 'an unknown address'} not understood: kept as text`)
    return walkChildren(builder, element)
  }
  if (names.includes('wp-block-gallery') || names.includes('gallery')) {
    const images = findAll(element, isImg).map((img) => {
      const caption = findFirst(img.parent!, (node) => node.name === 'figcaption')
      return imageBlock(builder, img, caption ? textOf(caption) : undefined)
    })
    return builder.push({_type: 'gallery', _key: builder.key(), images})
  }
  const img = findFirst(element, isImg)
  const table = findFirst(element, (node) => node.name === 'table')
  if (img && !table) {
    const caption = element.children.find((child) => isTag(child) && child.name === 'figcaption')
    return builder.push(imageBlock(builder, img, caption ? textOf(caption) : undefined))
  }
  walkChildren(builder, element)
}

function table(builder: Builder, element: Element): void {
  const rows = findAll(element, (node) => node.name === 'tr').map((row) => ({
    _type: 'tableRow' as const,
    _key: builder.key(),
    cells: row.children
      .filter((cell): cell is Element => isTag(cell) && (cell.name === 'td' || cell.name === 'th'))
      .map((cell) => textOf(cell).replace(/\s+/g, ' ').trim()),
  }))
  builder.push({_type: 'table', _key: builder.key(), rows})
}

function comment(builder: Builder, data: string): void {
  const match = /^\s*wp:([a-z][\w-]*(?:\/[\w-]+)?)/.exec(data)
  if (!match) {
    if (/^\s*nextpage\s*$/.test(data)) builder.context.notUnderstood('Page break <!--nextpage--> not kept: the post is one page')
    return
  }
  const name = match[1]!.replace(/^core\//, '').replace(/^core-embed\/.*/, 'embed')
  if (!KNOWN_BLOCKS.has(name)) builder.context.notUnderstood(`Block ${match[1]} not understood: its content kept as text`)
}

function element(builder: Builder, node: Element): void {
  const name = node.name
  if (name === 'br') return builder.text('\n', true)
  if (DECORATORS[name]) return builder.within({mark: {decorator: DECORATORS[name]}}, () => walkChildren(builder, node))
  if (name === 'a') {
    const href = node.attribs.href?.trim()
    return href ? builder.within({mark: {href}}, () => walkChildren(builder, node)) : walkChildren(builder, node)
  }
  if (PLAIN_INLINE.has(name)) return walkChildren(builder, node)
  if (UNMATCHED_INLINE.has(name)) {
    builder.context.notUnderstood(`Formatting <${name}> kept as plain text`)
    return walkChildren(builder, node)
  }
  if (name === 'img') return builder.push(imageBlock(builder, node))
  if (WRAPPERS.has(name)) {
    builder.flush()
    walkChildren(builder, node)
    return builder.flush()
  }
  if (/^h[1-6]$/.test(name)) {
    builder.flush()
    // The post's title is its only first-level heading; the editor has two levels below it.
    builder.within({style: name <= 'h2' ? 'h2' : 'h3'}, () => walkChildren(builder, node))
    if (name > 'h3') builder.context.notUnderstood(`Heading <${name}> kept as a subheading (h3)`)
    return builder.flush()
  }
  if (name === 'blockquote') {
    builder.flush()
    builder.within({style: 'blockquote'}, () => walkChildren(builder, node))
    return builder.flush()
  }
  if (name === 'ul' || name === 'ol') {
    builder.flush()
    builder.within({list: {type: name === 'ul' ? 'bullet' : 'number', level: builder.listLevel + 1}, listItem: false}, () => walkChildren(builder, node))
    return builder.flush()
  }
  if (name === 'li') {
    builder.flush()
    builder.within({listItem: true}, () => walkChildren(builder, node))
    return builder.flush()
  }
  if (name === 'figure' || name === 'wp-caption') {
    if (name === 'wp-caption') {
      const img = findFirst(node, isImg)
      const captionText =
        node.attribs.caption ||
        node.children
          .filter((child) => !findFirst(child, isImg))
          .map(textOf)
          .join('')
      if (img) return builder.push(imageBlock(builder, img, captionText))
    }
    return figure(builder, node)
  }
  if (name === 'figcaption') return walkChildren(builder, node)
  if (name === 'wp-gallery') {
    const ids = (node.attribs.ids ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean)
    const images = (ids.length > 0 ? ids : builder.context.attachmentsOfPost()).map(
      (attachmentId): ImageBlock => ({_type: 'image', _key: builder.key(), source: {attachmentId}}),
    )
    return builder.push({_type: 'gallery', _key: builder.key(), images})
  }
  if (name === 'wp-embed') {
    embed(builder, node.attribs.url ?? '')
    return
  }
  if (name === 'iframe') {
    const src = node.attribs.src ?? ''
    const watch = src
      .replace(/^\/\//, 'https://')
      .replace(/youtube(-nocookie)?\.com\/embed\/([\w-]{11}).*/, 'youtube.com/watch?v=$2')
      .replace(/player\.vimeo\.com\/video\/(\d+).*/, 'vimeo.com/$1')
    if (embed(builder, watch)) return
    builder.context.notUnderstood(`Embedded frame ${src} kept as a link`)
    return builder.push({
      _type: 'block',
      _key: builder.key(),
      style: 'normal',
      markDefs: [{_type: 'link', _key: 'src', href: src}],
      children: [{_type: 'span', _key: builder.key(), text: src, marks: ['src']}],
    })
  }
  if (name === 'pre') {
    const language = classes(node)
      .concat(classes(findFirst(node, (child) => child.name === 'code') ?? node))
      .map((value) => /^(?:language|lang)-(\w+)$/.exec(value)?.[1])
      .find(Boolean)
    return builder.push({_type: 'code', _key: builder.key(), code: textOf(node).replace(/^\n/, '').replace(/\s+$/, ''), ...(language ? {language} : {})})
  }
  if (name === 'table') return table(builder, node)
  if (name === 'hr') return builder.push({_type: 'separator', _key: builder.key()})
  if (REMOVED.has(name)) {
    builder.context.notUnderstood(`<${name}> removed: the site does not run or show it`)
    return
  }
  if (name === 'video' || name === 'audio') {
    const src = node.attribs.src ?? findFirst(node, (child) => child.name === 'source')?.attribs.src ?? ''
    builder.context.notUnderstood(`<${name}> ${src} kept as its address`)
    return builder.text(src ? `\n${src}\n` : '')
  }
  builder.context.notUnderstood(`<${name}> kept as text`)
  walkChildren(builder, node)
}

function walk(builder: Builder, node: AnyNode): void {
  if (isText(node)) return builder.text(node.data)
  if (isComment(node)) return comment(builder, node.data)
  if (isTag(node)) return element(builder, node)
}

function walkChildren(builder: Builder, node: Element): void {
  for (const child of node.children) walk(builder, child)
}

export function contentToPortableText(content: string, context: ConversionContext): BodyBlock[] {
  // Block-editor content carries its own markup; WordPress adds paragraphs only to classic content.
  const autop = !content.includes('<!-- wp:')
  const html = expandShortcodes(content, context.notUnderstood, {autoEmbed: autop})
  const document = parseDocument(html, {decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true})
  const builder = new Builder(autop, context)
  for (const node of document.children) walk(builder, node)
  builder.flush()
  return builder.blocks
}

/**
 * HTML as the plain text a reader sees: tags gone, entities decoded, a paragraph per blank
 * line and a line per <br>, as the site shows a comment's text.
 */
export function htmlToText(html: string): string {
  const document = parseDocument(html.replace(/\r\n?/g, '\n'), {decodeEntities: true})
  const parts: string[] = []
  const visit = (node: AnyNode) => {
    if (isText(node)) parts.push(node.data)
    else if (isTag(node)) {
      if (node.name === 'br') return void parts.push('\n')
      if (REMOVED.has(node.name)) return
      const block = node.name === 'p' || node.name === 'blockquote' || node.name === 'li' || /^h[1-6]$/.test(node.name)
      if (block) parts.push('\n\n')
      node.children.forEach(visit)
      if (block) parts.push('\n\n')
    }
  }
  document.children.forEach(visit)
  return parts
    .join('')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
