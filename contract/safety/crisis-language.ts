import {type CrisisCategory, CRISIS_IDIOMS, CRISIS_PHRASES, NEGATIONS, PAST_MARKERS, PRESENT_MARKERS} from './crisis-phrases'
import {compilePhrase, findPhrases, type PhraseMatch} from './phrase-list'
import {normaliseText, sentences} from './text'

export type {CrisisCategory} from './crisis-phrases'

/** One crisis phrase found in a comment, and whether its sentence takes it back. */
export interface CrisisFinding {
  category: CrisisCategory
  /** The listed phrase (not the commenter's words, which stay with the comment). */
  phrase: string
  /** Denied in its clause: "I would never hurt myself". */
  negated: boolean
  /** Inside quotation marks: "the article says “I want to die” can be a warning sign". */
  quoted: boolean
  /** Part of a figure of speech: "I nearly killed myself laughing". */
  idiomatic: boolean
  /** Told as the past with nothing bringing it to now: "I used to cut as a teenager". */
  past: boolean
}

export interface CrisisAssessment {
  /** True when at least one finding is meant, as written, by the writer about now. */
  crisis: boolean
  /** The categories of the findings that count, for the moderator's reason. */
  categories: CrisisCategory[]
  findings: CrisisFinding[]
}

const PHRASES = (Object.entries(CRISIS_PHRASES) as [CrisisCategory, string[]][]).flatMap(([category, phrases]) =>
  phrases.map((phrase) => ({category, compiled: compilePhrase(phrase)})),
)
const CATEGORY = new Map(PHRASES.map(({category, compiled}) => [compiled, category]))
const IDIOMS = CRISIS_IDIOMS.map(compilePhrase)
const PAST = PAST_MARKERS.map(compilePhrase)
const PRESENT = PRESENT_MARKERS.map(compilePhrase)
const NEGATION = new Set(NEGATIONS)

// How far back a negation reaches: "I'm not going to kill myself", within its clause.
const NEGATION_REACH = 4

function isNegated(sentence: string, match: PhraseMatch): boolean {
  const clause =
    sentence
      .slice(0, match.index)
      .split(/[,;:!?"()]|\s(?:but|and|so|because)\s/)
      .pop() ?? ''
  const before = clause.trim().split(' ').slice(-NEGATION_REACH).join(' ')
  // Words a "…" gap let in: "I'm going to not hurt him" (the phrase's own words don't count).
  const inside = match.text.split(' ').filter((word) => !match.phrase.words.has(word))
  return [...before.split(' '), ...inside].some((word) => NEGATION.has(word)) || /\bno longer$/.test(before)
}

function isQuoted(sentence: string, match: PhraseMatch): boolean {
  return (sentence.slice(0, match.index).match(/"/g)?.length ?? 0) % 2 === 1
}

function overlaps(a: PhraseMatch, b: PhraseMatch): boolean {
  return a.index < b.index + b.text.length && b.index < a.index + a.text.length
}

function assessSentence(sentence: string): CrisisFinding[] {
  const matches = findPhrases(
    sentence,
    PHRASES.map(({compiled}) => compiled),
  )
  if (matches.length === 0) return []
  const idioms = findPhrases(sentence, IDIOMS)
  const past = findPhrases(sentence, PAST).length > 0 && findPhrases(sentence, PRESENT).length === 0
  return matches.map((match) => ({
    category: CATEGORY.get(match.phrase)!,
    phrase: match.phrase.phrase,
    negated: isNegated(sentence, match),
    quoted: isQuoted(sentence, match),
    idiomatic: idioms.some((idiom) => overlaps(idiom, match)),
    past,
  }))
}

/** Whether a comment says its writer may harm themselves or someone else. Pure; no I/O. */
export function assessCrisisLanguage(text: string): CrisisAssessment {
  const findings = sentences(normaliseText(text)).flatMap(assessSentence)
  const meant = findings.filter((finding) => !finding.negated && !finding.quoted && !finding.idiomatic && !finding.past)
  return {crisis: meant.length > 0, categories: [...new Set(meant.map((finding) => finding.category))], findings}
}
