import {BIRTH_WORDS, clinicianNameWords, EMAIL, FULL_NAME, HEALTH, isPhoneNumber, NOT_NAMES, PHONE, RELATIONSHIP, SENTENCE_BREAK} from './health-details'
import {findPhrases} from './phrase-list'
import {normaliseText} from './text'

/**
 * A held comment's text with what identifies someone taken out, for a moderator to approve:
 * contact details, a date of birth, full names beside health words, a clinician of the
 * practice named as the commenter's own. Statements about the commenter's own health stay:
 * they are what the comment is about, and only a person can judge how much of them to keep.
 * Uses the same patterns as findHealthDetails, so what the warning and the hold name is what
 * goes. Pure; Studio's "Redact personal details" action runs it.
 */
export const REMOVED = '[removed]'

// The date after "born on", "date of birth is" …: from its first digit to its last, as short
// as dates are written ("3 May 1980", "02.11.1979", "1980"), the words before it kept.
const BIRTH_DATE = new RegExp(`\\b(${BIRTH_WORDS})\\b([^\\d\\n.!?]*?)(\\d[\\w ./-]{0,16}\\d|\\d)`, 'gi')

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function redactSentence(sentence: string, clinicianWords: string[]): string {
  const normalised = normaliseText(sentence)
  let result = sentence
  if (findPhrases(normalised, HEALTH).length > 0) {
    result = result.replace(FULL_NAME, (found) => {
      const words = found.split(' ')
      // "Thanks Tom Baker": the greeting stays, the name goes.
      const names = words.filter((word) => !NOT_NAMES.has(word))
      if (names.length < 2) return found
      return [...words.filter((word) => NOT_NAMES.has(word)), REMOVED].join(' ')
    })
  }
  if (clinicianWords.length > 0 && findPhrases(normalised, RELATIONSHIP).length > 0) {
    const names = new RegExp(`(?<![\\p{L}'])(?:${clinicianWords.map(escapeRegExp).join('|')})(?![\\p{L}'])`, 'giu')
    result = result.replace(names, REMOVED)
  }
  return result
}

export function redactPersonalDetails(text: string, clinicians: string[] = []): string {
  const clinicianWords = clinicianNameWords(clinicians)
  const withoutContacts = text
    .replace(EMAIL, REMOVED)
    .replace(PHONE, (found) => (isPhoneNumber(found) ? REMOVED : found))
    .replace(BIRTH_DATE, (_, words: string, between: string) => `${words}${between}${REMOVED}`)
  // Split keeping the breaks, so the text keeps its paragraphs.
  return withoutContacts
    .split(new RegExp(`(${SENTENCE_BREAK.source})`))
    .map((part, index) => (index % 2 === 0 ? redactSentence(part, clinicianWords) : part))
    .join('')
}
