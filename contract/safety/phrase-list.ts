/**
 * Phrase lists as a clinician can read and review them, compiled to patterns:
 *
 *   "kill/hurt myself"        one of the words split by "/"
 *   "end my [own] life"       a word in brackets may be missing ("[just/really]": either or none)
 *   "going to … kill"         "…" stands for up to three other words
 *
 * Phrases are written lower case with straight apostrophes, in the spellings `normaliseText`
 * produces ("i'm", "don't", "going to").
 */

const WORD = "[\\p{L}\\p{N}']"

export interface CompiledPhrase {
  phrase: string
  pattern: RegExp
  /** Every word the phrase itself names, so words found in a "…" gap can be told apart. */
  words: Set<string>
}

export function compilePhrase(phrase: string): CompiledPhrase {
  const words = new Set<string>()
  let source = ''
  // Until the first required word, an optional word carries its own following space.
  let atStart = true
  for (const token of phrase.trim().split(/\s+/)) {
    if (token === '…' || token === '...') {
      if (atStart) throw new Error(`A phrase cannot start with a gap: ${phrase}`)
      source += `(?: ${WORD}+){0,3}`
      continue
    }
    const optional = token.startsWith('[') && token.endsWith(']')
    const choices = (optional ? token.slice(1, -1) : token).split('/')
    for (const choice of choices) words.add(choice)
    const alternatives = `(?:${choices.map((choice) => choice.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`
    if (optional) source += atStart ? `(?:${alternatives} )?` : `(?: ${alternatives})?`
    else {
      source += atStart ? alternatives : ` ${alternatives}`
      atStart = false
    }
  }
  return {phrase, pattern: new RegExp(`(?<!${WORD})${source}(?!${WORD})`, 'gu'), words}
}

export interface PhraseMatch {
  phrase: CompiledPhrase
  index: number
  text: string
}

/** Every place in the text where one of the phrases is said. */
export function findPhrases(text: string, phrases: CompiledPhrase[]): PhraseMatch[] {
  const found: PhraseMatch[] = []
  for (const phrase of phrases) {
    for (const match of text.matchAll(phrase.pattern)) found.push({phrase, index: match.index, text: match[0]})
  }
  return found
}
