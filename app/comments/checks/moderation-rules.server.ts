import type {Check, CheckContext, Submission} from '../comment-pipeline.server'

/** The site's moderation settings, applied as WordPress's discussion settings are. */

function searchableText(submission: Submission): string {
  return [submission.name, submission.email, submission.website, submission.body].filter(Boolean).join('\n')
}

/** The first listed word or phrase that appears as a whole word (any case), if any. */
export function findListedWord(text: string, words: string[]): string | undefined {
  const haystack = text.toLowerCase()
  return words.find((word) => {
    const needle = word.trim().toLowerCase()
    if (!needle) return false
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(haystack)
  })
}

export function countLinks(text: string): number {
  return text.match(/\bhttps?:\/\/|\bwww\./gi)?.length ?? 0
}

export const trashWordsCheck: Check = {
  name: 'trash-words',
  run: ({submission, settings}) => {
    const word = findListedWord(searchableText(submission), settings.trashWords)
    return word ? {outcome: 'trash', reason: `Contains “${word}”, a word that sends comments to the trash.`} : null
  },
}

export const holdWordsCheck: Check = {
  name: 'hold-words',
  waivedForTrusted: true,
  run: ({submission, settings}) => {
    const word = findListedWord(searchableText(submission), settings.holdWords)
    return word ? {outcome: 'hold', reason: `Contains “${word}”, a word that holds comments for approval.`} : null
  },
}

export const linkCountCheck: Check = {
  name: 'link-count',
  waivedForTrusted: true,
  run: ({submission, settings}) => {
    const links = countLinks(submission.body)
    return settings.holdIfLinksAtLeast > 0 && links >= settings.holdIfLinksAtLeast
      ? {outcome: 'hold', reason: `Has ${links} link${links === 1 ? '' : 's'} (comments with ${settings.holdIfLinksAtLeast} or more wait for approval).`}
      : null
  },
}

/** Holds comments per the site's mode: all of them, or those of first-time commenters. */
export function moderationModeCheck(hasApprovedComment: (submission: Submission) => Promise<boolean>): Check {
  return {
    name: 'moderation-mode',
    waivedForTrusted: true,
    run: async ({submission, settings}: CheckContext) => {
      if (settings.mode === 'holdAll') return {outcome: 'hold', reason: 'Every comment waits for approval (site setting).'}
      if (settings.mode === 'holdFirstTime' && !(await hasApprovedComment(submission))) {
        return {outcome: 'hold', reason: 'First comment from this commenter.'}
      }
      return null
    },
  }
}
