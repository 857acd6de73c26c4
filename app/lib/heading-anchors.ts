import {tagSlug} from './permalink'

interface Block {
  _type: string
  _key?: string
  style?: string
  children?: unknown
}

function plainText(block: Block): string {
  if (!Array.isArray(block.children)) return ''
  return block.children.map((span: {text?: unknown}) => (typeof span.text === 'string' ? span.text : '')).join('')
}

/**
 * An `id` for every heading, made from its text ("So What’s the Difference?" →
 * "so-what-s-the-difference"), unique within the post, keyed by the block's `_key`.
 */
export function headingAnchors(blocks: Block[]): Map<string, string> {
  const ids = new Map<string, string>()
  const used = new Set<string>()
  for (const block of blocks) {
    if (block._type !== 'block' || !block._key || !/^h[1-6]$/.test(block.style ?? '')) continue
    const base = tagSlug(plainText(block)) || 'section'
    let id = base
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`
    used.add(id)
    ids.set(block._key, id)
  }
  return ids
}
