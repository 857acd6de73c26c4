/**
 * The text the safety detectors read: lower case, one kind of quote and apostrophe, the usual
 * contractions in one spelling, single spaces. Phrase lists are then written once, as people
 * say them ("i don't want to", not also "I do not want to" and "i dont want to").
 */

// Each spelling a commenter might type, and the one the phrase lists use.
const CONTRACTIONS: [RegExp, string][] = [
  [/\bi am\b|\bim\b/g, "i'm"],
  [/\bi have\b|\bive\b/g, "i've"],
  [/\bi will\b/g, "i'll"],
  [/\bi would\b/g, "i'd"],
  [/\bdo not\b|\bdont\b/g, "don't"],
  [/\bdid not\b|\bdidnt\b/g, "didn't"],
  [/\bcan ?not\b|\bcant\b/g, "can't"],
  [/\bwill not\b|\bwont\b/g, "won't"],
  [/\bwould not\b|\bwouldnt\b/g, "wouldn't"],
  [/\bis not\b|\bisnt\b/g, "isn't"],
  [/\bwhat is\b|\bwhats\b/g, "what's"],
  [/\bthere is\b|\btheres\b/g, "there's"],
  [/\bgonna\b/g, 'going to'],
  [/\bwanna\b/g, 'want to'],
  [/\bany more\b/g, 'anymore'],
]

export function normaliseText(text: string): string {
  let result = text
    .toLowerCase()
    // ‘quoted’ (closing mark not inside a word) is a quotation; any other ’ an apostrophe.
    .replace(/‘([^‘]*?)’(?![\p{L}])/gu, '"$1"')
    .replace(/[“”„«»‘]/g, '"')
    .replace(/[’ʼ`´]/g, "'")
    .replace(/(^|\s)'([^']*?)'(?=[\s.,!?;:]|$)/g, '$1"$2"')
    .replace(/(\p{L})[-‐‑–](?=\p{L})/gu, '$1 ')
    .replace(/\s+/g, ' ')
    .trim()
  for (const [spelling, as] of CONTRACTIONS) result = result.replace(spelling, as)
  return result
}

/**
 * Sentences (and clauses after a semicolon), so that a negation, a quotation or "years ago"
 * reaches no further than the writer meant it to.
 */
export function sentences(normalised: string): string[] {
  return normalised.split(/(?<=[.!?;])\s+|\n+/).filter(Boolean)
}
