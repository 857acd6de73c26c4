import fs from 'node:fs'
import path from 'node:path'

/**
 * Reads the WordPress.com capture of the original post (`original-post.txt`), keeping the
 * content and dropping the page around it, so tests can hold the seed and the rendered page
 * to the original text.
 */
export interface OriginalPost {
  title: string
  byline: string
  /** Body paragraphs in order, the author's note last. */
  paragraphs: string[]
}

// Everything from the ad slot on is WordPress.com's page furniture, not the post.
const END_OF_CONTENT = 'Advertisements'

export function readOriginalPost(): OriginalPost {
  const text = fs.readFileSync(path.join(import.meta.dirname, 'original-post.txt'), 'utf8')
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
  const end = lines.indexOf(END_OF_CONTENT)
  const [title, byline, ...paragraphs] = lines.slice(0, end)
  if (!title || !byline || end < 0) throw new Error('original-post.txt is not in the expected shape')
  return {title, byline, paragraphs}
}
