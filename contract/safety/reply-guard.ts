import {compilePhrase, findPhrases, type PhraseMatch} from './phrase-list'
import {TREATMENT_RELATIONSHIP_PHRASES} from './reply-guard-phrases'
import {normaliseText} from './text'

const PHRASES = TREATMENT_RELATIONSHIP_PHRASES.map(compilePhrase)

/**
 * The words in a clinician's reply that would confirm a treatment relationship with the
 * commenter ("as we discussed in session", "your diagnosis"): in reading order, lower case,
 * each once. Pure; no I/O.
 */
export function findTreatmentRelationshipPhrases(reply: string): string[] {
  const matches = findPhrases(normaliseText(reply), PHRASES).sort((a, b) => a.index - b.index || b.text.length - a.text.length)
  // Overlapping phrases ("your treatment" in "your treatment plan") name one place: the first, longest.
  const places: PhraseMatch[] = []
  for (const match of matches) {
    const last = places.at(-1)
    if (!last || match.index >= last.index + last.text.length) places.push(match)
  }
  return [...new Set(places.map((match) => match.text))]
}
