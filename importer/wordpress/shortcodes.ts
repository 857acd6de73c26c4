import {embedProvider, embedUrlFromShortcode} from './embeds'

/**
 * WordPress shortcodes in post content, turned into elements the HTML converter reads:
 * `[caption]` → <wp-caption>, `[gallery]` → <wp-gallery>, `[embed]`, `[youtube]`, `[vimeo]`,
 * `[tweet]` and an embeddable address alone on its line → <wp-embed>. A shortcode we don't
 * understand stays in the text, as WordPress shows it when the plugin is gone, and is reported.
 */

const ENCLOSING = new Set(['caption', 'wp_caption', 'embed'])
const EMBEDS = new Set(['youtube', 'vimeo', 'tweet', 'twitter'])
const KNOWN = new Set([...ENCLOSING, ...EMBEDS, 'gallery'])

const SHORTCODE = /\[(\[?)([a-zA-Z][\w-]*)(?=[\s\]=/])([^\]]*?)(\/?)\]/.source

export function shortcodeAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {}
  const pattern = /([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)/g
  for (const match of text.matchAll(pattern)) {
    const name = (match[1] ?? match[3] ?? match[5])!.toLowerCase()
    attributes[name] = match[2] ?? match[4] ?? match[6] ?? ''
  }
  return attributes
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
const embedElement = (url: string) => `<wp-embed url="${escapeAttribute(url)}"></wp-embed>`

export function expandShortcodes(content: string, notUnderstood: (what: string) => void, {autoEmbed}: {autoEmbed: boolean}): string {
  let result = ''
  let position = 0
  // A pattern of its own per call: captions are expanded recursively.
  const shortcode = new RegExp(SHORTCODE, 'g')
  for (let match = shortcode.exec(content); match; shortcode.lastIndex = position, match = shortcode.exec(content)) {
    const [whole, escaped, rawName, rawAttributes] = match as unknown as [string, string, string, string]
    const name = rawName.toLowerCase()
    result += content.slice(position, match.index)
    position = match.index + whole.length
    // [[name]] is WordPress's way of writing a shortcode as text.
    if (escaped) {
      result += whole.slice(1)
      if (content[position] === ']') position += 1
      continue
    }
    if (!KNOWN.has(name)) {
      notUnderstood(`Shortcode [${rawName}] kept as text`)
      result += whole
      continue
    }
    let inner = ''
    if (ENCLOSING.has(name)) {
      const closing = content.toLowerCase().indexOf(`[/${name}]`, position)
      if (closing >= 0) {
        inner = content.slice(position, closing)
        position = closing + name.length + 3
      }
    }
    const attributes = shortcodeAttributes(rawAttributes)
    if (name === 'caption' || name === 'wp_caption') {
      result += `<wp-caption caption="${escapeAttribute(attributes.caption ?? '')}">${expandShortcodes(inner, notUnderstood, {autoEmbed: false})}</wp-caption>`
    } else if (name === 'gallery') {
      result += `<wp-gallery ids="${escapeAttribute(attributes.ids ?? attributes.include ?? '')}"></wp-gallery>`
    } else {
      const url = name === 'embed' ? inner.trim() : embedUrlFromShortcode(name, attributes.url ?? rawAttributes)
      if (url && embedProvider(url)) result += embedElement(url)
      else {
        notUnderstood(`Embed ${whole} not understood: kept as text`)
        result += whole + inner + (ENCLOSING.has(name) && inner ? `[/${name}]` : '')
      }
    }
  }
  result += content.slice(position)
  // WordPress embeds a supported address written alone on its own line.
  return autoEmbed ? result.replace(/^[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*$/gim, (line, url: string) => (embedProvider(url) ? embedElement(url) : line)) : result
}
