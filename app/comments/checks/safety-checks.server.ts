import {NEEDS_CARE, PERSONAL_DETAILS} from '../../../contract/comments'
import type {Check} from '../comment-pipeline.server'
import {assessCrisisLanguage, type CrisisCategory} from '../../../contract/safety/crisis-language'
import {findHealthDetails, type HealthDetail} from '../../../contract/safety/health-details'

/**
 * Issue #13's safety net in the pipeline. The reasons name what was found, never the
 * commenter's words: they reach the moderators' email and the Studio list.
 */

const CATEGORY_NAMES: Record<CrisisCategory, string> = {
  'suicidal-ideation': 'suicidal thoughts',
  'self-harm': 'self-harm',
  'harm-to-others': 'harming someone else',
}

const DETAIL_NAMES: Record<HealthDetail, string> = {
  phone: 'a phone number',
  email: 'an email address',
  'date-of-birth': 'a date of birth',
  'name-with-health': 'a full name beside health words',
  'diagnosis-or-medication': 'a first-person diagnosis or medicine',
  'own-clinician': 'a clinician of the practice named as the commenter’s own',
}

/** A comment that may come from a reader in crisis is held for a person, never published, spammed or trashed. */
export const crisisLanguageCheck: Check = {
  name: 'crisis-language',
  run: ({submission}) => {
    const {crisis, categories} = assessCrisisLanguage(submission.body)
    return crisis
      ? {outcome: 'care', reason: `${NEEDS_CARE}: possible crisis language (${categories.map((category) => CATEGORY_NAMES[category]).join(', ')}).`}
      : null
  },
}

/** A comment that identifies or discloses someone's health waits for a moderator, who may redact it. */
export function personalDetailsCheck(clinicianNames: () => Promise<string[]>): Check {
  return {
    name: 'personal-details',
    run: async ({submission}) => {
      const found = findHealthDetails(submission.body, await clinicianNames())
      return found.length > 0
        ? {outcome: 'hold', reason: `${PERSONAL_DETAILS}: ${found.map((kind) => DETAIL_NAMES[kind]).join(', ')}; redact before approving.`}
        : null
    },
  }
}
