// WordPress cuts automatic excerpts at 55 words; readers of the original saw the same length.
const EXCERPT_WORDS = 55

export function excerpt(text: string, words = EXCERPT_WORDS): string {
  const all = text.trim().split(/\s+/).filter(Boolean)
  if (all.length <= words) return all.join(' ')
  return `${all.slice(0, words).join(' ')}…`
}
