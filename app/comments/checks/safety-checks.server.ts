import {NEEDS_CARE, PERSONAL_DETAILS} from '../../../contract/comments'
import type {Check} from '../comment-pipeline.server'
import {assessCrisisLanguage, type CrisisCategory} from '../../../contract/safety/crisis-language'
import {findHealthDetails, HEALTH_DETAIL_NAMES} from '../../../contract/safety/health-details'

/**
 * Issue #13's safety net in the pipeline. The reasons name what was found, never the
 * commenter's words: they reach the moderators' email and the Studio list.
 */

const CATEGORY_NAMES: Record<CrisisCategory, string> = {
  'suicidal-ideation': 'suicidal thoughts',
  'self-harm': 'self-harm',
  'harm-to-others': 'harming someone else',
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
        ? {outcome: 'hold', reason: `${PERSONAL_DETAILS}: ${found.map((kind) => HEALTH_DETAIL_NAMES[kind]).join(', ')}; redact before approving.`}
        : null
    },
  }
}
