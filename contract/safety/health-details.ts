import {DIAGNOSIS_OR_MEDICATION, HEALTH_WORDS, OWN_CLINICIAN} from './health-words'
import {compilePhrase, findPhrases} from './phrase-list'
import {normaliseText, sentences} from './text'

/**
 * What in a comment identifies or discloses someone: told to the reader before posting (in
 * the browser) and, on the server, a reason to hold the comment so a moderator can redact it.
 * Pure, no I/O, small enough to ship with the post page.
 */

export type HealthDetail = 'phone' | 'email' | 'date-of-birth' | 'name-with-health' | 'diagnosis-or-medication' | 'own-clinician'

/** Each kind as the reader's warning and the moderator's hold reason name it. */
export const HEALTH_DETAIL_NAMES: Record<HealthDetail, string> = {
  phone: 'a phone number',
  email: 'an email address',
  'date-of-birth': 'a date of birth',
  'name-with-health': 'a full name beside health words',
  'diagnosis-or-medication': 'a first-person diagnosis or medicine',
  'own-clinician': 'a clinician of the practice named as the commenter’s own',
}

const DIAGNOSIS = DIAGNOSIS_OR_MEDICATION.map(compilePhrase)
export const HEALTH = HEALTH_WORDS.map(compilePhrase)
export const RELATIONSHIP = OWN_CLINICIAN.map(compilePhrase)

export const EMAIL = /[^\s@]+@[^\s@]+\.\p{L}{2,}/gu
// Nine to fifteen digits with the separators people type: "07700 900123", "+44 (0)20 7946 0958".
export const PHONE = /\+?\d[\d ().-]{7,}\d/g
export const BIRTH_WORDS = 'born (?:on|in)|dob|d\\.o\\.b|date of birth|birthday is'
const BIRTH = new RegExp(`\\b(?:${BIRTH_WORDS})\\b[^.!?\\n]*\\d`)
// Sentences as written (names need their capitals), for the checks that read them so.
export const SENTENCE_BREAK = /(?<=[.!?])\s+|\n+/
// Two or three capitalised words in a row, as a full name is written.
export const FULL_NAME = /\b\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){1,2}\b/gu
// Capitalised words that start sentences or name things, not people.
export const NOT_NAMES = new Set(
  'I My The This That Thank Thanks Dear Hi Hello Happy Mental Health Awareness Week Month Day Mr Mrs Ms Dr Christmas Easter God'.split(' '),
)

/** Whether a PHONE match is a phone number: nine to fifteen digits. */
export function isPhoneNumber(found: string): boolean {
  const digits = found.replace(/\D/g, '').length
  return digits >= 9 && digits <= 15
}

function hasPhone(text: string): boolean {
  return [...text.matchAll(PHONE)].some(([found]) => isPhoneNumber(found))
}

function hasFullName(sentence: string): boolean {
  return [...sentence.matchAll(FULL_NAME)].some(([found]) => found.split(' ').filter((word) => !NOT_NAMES.has(word)).length >= 2)
}

/**
 * The names a commenter may use for a clinician: "Jami Wilder", "Dr Wilder", "Jami". Only
 * looked for beside words that make the clinician the commenter's own, so a first name will do.
 */
export function clinicianNameWords(clinicians: string[]): string[] {
  return clinicians.flatMap((name) => {
    const words = normaliseText(name)
      .replace(/\b(?:dr|mr|mrs|ms)\.? |,.*$|[^\p{L}' ]/gu, '')
      .trim()
      .split(' ')
    return words
      .filter((word) => word.length > 2)
      .slice(0, 1)
      .concat(words.length > 1 ? words.slice(-1) : [])
  })
}

export function findHealthDetails(text: string, clinicians: string[] = []): HealthDetail[] {
  const found = new Set<HealthDetail>()
  if (text.search(EMAIL) >= 0) found.add('email')
  if (hasPhone(text)) found.add('phone')
  const normalised = normaliseText(text)
  if (BIRTH.test(normalised)) found.add('date-of-birth')
  if (findPhrases(normalised, DIAGNOSIS).length > 0) found.add('diagnosis-or-medication')
  const names = clinicianNameWords(clinicians).map((word) => compilePhrase(word).pattern)
  for (const sentence of sentences(normalised)) {
    if (findPhrases(sentence, RELATIONSHIP).length > 0 && names.some((name) => sentence.search(name) >= 0)) found.add('own-clinician')
  }
  // Capitals matter for names, so this reads the text as written.
  for (const sentence of text.split(SENTENCE_BREAK)) {
    if (hasFullName(sentence) && findPhrases(normaliseText(sentence), HEALTH).length > 0) found.add('name-with-health')
  }
  return [...found]
}
