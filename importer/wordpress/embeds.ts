/**
 * The embeds the importer understands: YouTube, Vimeo and X (Twitter). They are stored as
 * addresses and shown as links by the site (its content security policy loads no frames).
 */
export type EmbedProvider = 'youtube' | 'vimeo' | 'x'

const PROVIDERS: [EmbedProvider, RegExp][] = [
  ['youtube', /^https?:\/\/(?:www\.|m\.)?(?:youtube\.com\/(?:watch\?|embed\/|shorts\/)|youtu\.be\/)\S+$/i],
  ['vimeo', /^https?:\/\/(?:www\.|player\.)?vimeo\.com\/(?:video\/)?\d+\S*$/i],
  ['x', /^https?:\/\/(?:www\.|mobile\.)?(?:twitter|x)\.com\/\w+\/status(?:es)?\/\d+\S*$/i],
]

export function embedProvider(url: string): EmbedProvider | undefined {
  return PROVIDERS.find(([, pattern]) => pattern.test(url.trim()))?.[0]
}

/** A shortcode's id-only forms: `[vimeo 123]`, `[youtube=…]`, `[tweet 123]`. */
export function embedUrlFromShortcode(name: string, value: string): string | undefined {
  const text = value.trim().replace(/^=/, '')
  if (/^https?:\/\//i.test(text)) return text
  if (name === 'vimeo' && /^\d+$/.test(text)) return `https://vimeo.com/${text}`
  if (name === 'youtube' && /^[\w-]{11}$/.test(text)) return `https://www.youtube.com/watch?v=${text}`
  if ((name === 'tweet' || name === 'twitter') && /^\d+$/.test(text)) return `https://x.com/i/status/${text}`
  return undefined
}
