import {AccessDeniedIcon} from '@sanity/icons/AccessDenied'
import {defineField, defineType} from 'sanity'
import {RULE_MATCHES, RULE_VERDICTS} from '../../contract/commenter-rules'
import {COMMENTER_RULE_ID_PREFIX, DOCUMENT_TYPES} from '../../contract/documents'
import {optionList} from './fields/optionList'

export const RULE_VERDICT_OPTIONS = optionList(RULE_VERDICTS, {
  ban: 'Banned: their comments go to spam',
  trust: 'Trusted: their comments skip the ordinary holds',
})

export const RULE_MATCH_OPTIONS = optionList(RULE_MATCHES, {
  account: 'The account they signed in with',
  email: 'Their email address',
  network: 'Their network (a neighbourhood of addresses, never stored itself)',
})

const dateFormat = new Intl.DateTimeFormat('en-US', {dateStyle: 'medium'})

/** The list's second line: what the rule does, by what, until when, and why. */
export function ruleSubtitle({verdict, match, expiresAt, reason}: {verdict?: unknown; match?: unknown; expiresAt?: unknown; reason?: unknown}): string {
  const until = typeof expiresAt === 'string' && expiresAt ? `until ${dateFormat.format(new Date(expiresAt))}` : 'no end'
  const doing = verdict === 'ban' ? 'Banned' : verdict === 'trust' ? 'Trusted' : 'Rule'
  return [`${doing} by ${typeof match === 'string' ? match : '?'}`, until, typeof reason === 'string' && reason.trim() ? reason.trim() : null]
    .filter(Boolean)
    .join(' · ')
}

/**
 * A moderator's ban or trust of a commenter (decision 0235), made from a comment with "Ban
 * author…" or "Trust author…". Private (its id has a dot): it holds no email, account id or
 * address, only a hash of what it matches, and names the commenter as staff need to see them.
 * Editable here (banned or trusted, reason, end date) and deletable; the site deletes it once
 * it has expired.
 */
export const commenterRuleType = defineType({
  name: DOCUMENT_TYPES.commenterRule,
  title: 'Banned or trusted commenter',
  type: 'document',
  icon: AccessDeniedIcon,
  fields: [
    defineField({name: 'who', title: 'Who', type: 'string', readOnly: true}),
    defineField({
      name: 'verdict',
      title: 'Rule',
      type: 'string',
      options: {list: RULE_VERDICT_OPTIONS, layout: 'radio'},
      validation: (rule) => rule.required().error('Choose banned or trusted.'),
    }),
    defineField({
      name: 'match',
      title: 'Recognised by',
      type: 'string',
      options: {list: RULE_MATCH_OPTIONS},
      readOnly: true,
    }),
    defineField({name: 'reason', title: 'Reason', type: 'text', rows: 2, description: 'For moderators only; never shown to the commenter.'}),
    defineField({
      name: 'expiresAt',
      title: 'Ends',
      type: 'datetime',
      description: 'Leave empty for no end. The rule stops applying at this moment, and is deleted soon after.',
    }),
    defineField({name: 'createdAt', title: 'Made', type: 'datetime', readOnly: true}),
    defineField({name: 'createdBy', title: 'Made by', type: 'string', readOnly: true}),
    defineField({
      name: 'comment',
      title: 'Made from the comment',
      type: 'reference',
      to: [{type: DOCUMENT_TYPES.comment}],
      weak: true,
      readOnly: true,
    }),
    defineField({name: 'key', title: 'What it matches (a hash)', type: 'string', readOnly: true, hidden: true}),
  ],
  validation: (rule) =>
    rule.custom((document) => {
      const id = document?._id.replace(/^drafts\./, '')
      return id === undefined || id.startsWith(COMMENTER_RULE_ID_PREFIX)
        ? true
        : `This rule would be public: its id must start with "${COMMENTER_RULE_ID_PREFIX}".`
    }),
  orderings: [{title: 'Newest first', name: 'createdAtDesc', by: [{field: 'createdAt', direction: 'desc'}]}],
  preview: {
    select: {who: 'who', verdict: 'verdict', match: 'match', expiresAt: 'expiresAt', reason: 'reason'},
    prepare: ({who, ...rest}) => ({title: typeof who === 'string' ? who : 'A commenter', subtitle: ruleSubtitle(rest)}),
  },
})
