import {CogIcon} from '@sanity/icons/Cog'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {MAX_STORED_REPORTS, MAX_THREAD_DEPTH, MODERATION_DEFAULTS, MODERATION_MODES} from '../../contract/comments'
import {DEFAULT_TIME_ZONE, DOCUMENT_TYPES} from '../../contract/documents'
import {MODERATOR_KINDS} from '../../contract/identity'
import {careRepliesField, careRepliesGroup} from './fields/careRepliesField'
import {importedFromField} from './fields/importedFromField'
import {optionList} from './fields/optionList'
import {appointmentFields, crisisNoticeField, notAdviceNoticeField} from './fields/readerSafetyFields'

const MODERATION_MODE_OPTIONS = optionList(MODERATION_MODES, {
  holdAll: 'Hold every comment for approval',
  holdFirstTime: 'Hold comments from first-time commenters only',
  publishUnlessFlagged: 'Publish comments unless the spam check or these rules flag them',
})

/** How a moderator is recognised on the site: an account at a log-in provider, or a verified email. */
const MODERATOR_KIND_OPTIONS = optionList(MODERATOR_KINDS, {
  wordpress: 'WordPress.com account',
  x: 'X account',
  facebook: 'Facebook account',
  google: 'Google account',
  github: 'GitHub account',
  email: 'Any account with this verified email address',
})

const wordList = (name: string, title: string, description: string) =>
  defineField({
    name,
    title,
    type: 'array',
    description,
    of: [
      defineArrayMember({
        type: 'string',
        validation: (rule) => rule.custom((word) => (typeof word === 'string' && word.trim() === '' ? 'Remove the empty entry or type a word.' : true)),
      }),
    ],
    options: {layout: 'tags'},
    validation: (rule) => rule.unique().error('This word is already in the list.'),
  })

/**
 * What is true of the whole blog: one document, id `siteSettings` (the site and the seed read
 * it by that id). Keeping it single is the Studio structure's job: it pins an editor to that
 * id and leaves the type out of "create new" (not the deprecated `__experimental_actions`).
 */
export const siteSettingsType = defineType({
  name: DOCUMENT_TYPES.siteSettings,
  title: 'Site settings',
  type: 'document',
  icon: CogIcon,
  groups: [
    {name: 'blog', title: 'Blog', default: true},
    {name: 'practice', title: 'Practice'},
    {name: 'readers', title: 'Reader safety'},
    {name: 'moderation', title: 'Comment moderation'},
    careRepliesGroup,
  ],
  fields: [
    defineField({
      name: 'title',
      title: 'Blog title',
      type: 'string',
      group: 'blog',
      validation: (rule) => [rule.required().error('Give the blog a title.'), rule.max(80).error('Shorten the title to 80 characters or fewer.')],
    }),
    defineField({
      name: 'tagline',
      title: 'Tagline',
      type: 'string',
      group: 'blog',
      description: 'A short line under the title, e.g. "The blog of Wilder Therapy and Wellness"',
      validation: (rule) => rule.max(160).error('Keep the tagline to 160 characters or fewer.'),
    }),
    defineField({
      name: 'timeZone',
      title: 'Time zone',
      type: 'string',
      group: 'blog',
      description: 'Dates in post addresses follow this time zone, e.g. "America/New_York".',
      initialValue: DEFAULT_TIME_ZONE,
      validation: (rule) =>
        rule.required().custom((value) => {
          if (typeof value !== 'string') return true
          try {
            new Intl.DateTimeFormat('en-US', {timeZone: value})
            return true
          } catch {
            return 'Use a time zone name such as "America/New_York"'
          }
        }),
    }),
    defineField({
      name: 'practiceName',
      title: 'Practice name',
      type: 'string',
      group: 'practice',
      validation: (rule) => [rule.required().error('Enter the name of the practice.'), rule.max(120).error('Shorten the name to 120 characters or fewer.')],
    }),
    defineField({
      name: 'practiceLocation',
      title: 'Practice location',
      type: 'string',
      group: 'practice',
      description: 'Town and state, e.g. "Cranston, RI"',
      validation: (rule) => rule.max(120).error('Keep the location to 120 characters or fewer.'),
    }),
    defineField({
      name: 'practiceAddress',
      title: 'Street address',
      type: 'text',
      rows: 3,
      group: 'practice',
      description: 'The full postal address, if readers should see it. Optional.',
      validation: (rule) => rule.max(300).error('Keep the address to 300 characters or fewer.'),
    }),
    defineField({
      name: 'practicePhone',
      title: 'Phone',
      type: 'string',
      group: 'practice',
      description: 'e.g. "(401) 555-0123"',
      validation: (rule) => rule.regex(/^\+?[\d\s().-]{7,20}$/).error('Enter a phone number with digits, spaces, brackets or dashes only, e.g. (401) 555-0123'),
    }),
    defineField({
      name: 'practiceWebsite',
      title: 'Practice website',
      type: 'url',
      group: 'practice',
      validation: (rule) => rule.uri({scheme: ['http', 'https']}).error('Enter the full address, starting with https://'),
    }),
    ...appointmentFields,
    crisisNoticeField,
    notAdviceNoticeField,
    defineField({
      name: 'moderation',
      title: 'Comment moderation',
      type: 'object',
      group: 'moderation',
      description: 'How new comments are handled. The spam check runs on every comment whatever you choose here.',
      options: {collapsible: false},
      fields: [
        defineField({
          name: 'mode',
          title: 'New comments',
          type: 'string',
          options: {list: MODERATION_MODE_OPTIONS, layout: 'radio'},
          initialValue: MODERATION_DEFAULTS.mode,
          validation: (rule) => rule.required().error('Choose how new comments are handled.'),
        }),
        defineField({
          name: 'holdIfLinksAtLeast',
          title: 'Hold a comment with this many links or more',
          type: 'number',
          description: 'Spam usually carries links. 2 is a good start.',
          initialValue: MODERATION_DEFAULTS.holdIfLinksAtLeast,
          validation: (rule) => [rule.required().error('Enter a number of links, e.g. 2.'), rule.integer().min(1).error('Enter a whole number, 1 or more.')],
        }),
        wordList(
          'holdWords',
          'Words that hold a comment',
          'A comment containing any of these words or phrases waits for approval. Press Enter after each one.',
        ),
        wordList(
          'trashWords',
          'Words that send a comment to the trash',
          'A comment containing any of these goes to the trash, unseen by readers. Press Enter after each one.',
        ),
        defineField({
          name: 'closeCommentsAfterDays',
          title: 'Close comments on posts older than (days)',
          type: 'number',
          description: '0 keeps comments open on every post, whatever its age.',
          initialValue: MODERATION_DEFAULTS.closeCommentsAfterDays,
          validation: (rule) => [
            rule.required().error('Enter a number of days, or 0 to never close comments.'),
            rule.integer().min(0).error('Enter a whole number of days, or 0 to never close comments.'),
          ],
        }),
        defineField({
          name: 'threadDepth',
          title: 'How deep replies nest',
          type: 'number',
          description: 'Replies to replies are indented up to this many levels; deeper ones line up at the last level. 5 suits most blogs.',
          initialValue: MODERATION_DEFAULTS.threadDepth,
          validation: (rule) => [
            rule.required().error('Enter a number of levels, e.g. 5.'),
            rule.integer().min(1).max(MAX_THREAD_DEPTH).error(`Enter a whole number from 1 to ${MAX_THREAD_DEPTH}.`),
          ],
        }),
        defineField({
          name: 'holdAfterReports',
          title: 'Hold a published comment after this many readers’ reports',
          type: 'number',
          description: 'Each comment has a Report link. Reports from this many different networks send it back to moderation, and you are emailed.',
          initialValue: MODERATION_DEFAULTS.holdAfterReports,
          validation: (rule) => [
            rule.required().error('Enter a number of reports, e.g. 3.'),
            rule.integer().min(1).max(MAX_STORED_REPORTS).error(`Enter a whole number from 1 to ${MAX_STORED_REPORTS}.`),
          ],
        }),
        defineField({
          name: 'moderators',
          title: 'Moderators on the site',
          type: 'array',
          description:
            'People who, logged in on the site with one of these accounts, see comments waiting for approval on the post page and can Approve, mark as Spam or Trash them there. Visible to anyone who reads the dataset: list account ids rather than private addresses where you can.',
          of: [
            defineArrayMember({
              type: 'object',
              name: 'moderator',
              fields: [
                defineField({
                  name: 'name',
                  title: 'Who this is',
                  type: 'string',
                  validation: (rule) => rule.required().error('Enter the moderator’s name, e.g. Jami Wilder.'),
                }),
                defineField({
                  name: 'kind',
                  title: 'Recognised by',
                  type: 'string',
                  options: {list: MODERATOR_KIND_OPTIONS, layout: 'dropdown'},
                  validation: (rule) => rule.required().error('Choose how the site recognises this moderator.'),
                }),
                defineField({
                  name: 'accountId',
                  title: 'Account id at the provider',
                  type: 'string',
                  description: 'The “Account on that service” shown on a comment this person posted while logged in with that provider.',
                  hidden: ({parent}) => (parent as {kind?: string} | undefined)?.kind === 'email',
                  validation: (rule) =>
                    rule.custom((value, context) => {
                      const kind = (context.parent as {kind?: string} | undefined)?.kind
                      if (!kind || kind === 'email') return true
                      return typeof value === 'string' && /^[\w-]{1,64}$/.test(value.trim())
                        ? true
                        : 'Enter the account id (letters, digits, dashes), copied from one of their comments.'
                    }),
                }),
                defineField({
                  name: 'email',
                  title: 'Verified email address',
                  type: 'string',
                  description: 'Matches whoever logs in with an account whose provider has verified this address (WordPress.com, Google, GitHub, Facebook).',
                  hidden: ({parent}) => (parent as {kind?: string} | undefined)?.kind !== 'email',
                  validation: (rule) =>
                    rule.custom((value, context) => {
                      if ((context.parent as {kind?: string} | undefined)?.kind !== 'email') return true
                      return typeof value === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim())
                        ? true
                        : 'Enter an email address, e.g. jami@example.com'
                    }),
                }),
                defineField({
                  name: 'author',
                  title: 'Writes posts as',
                  type: 'reference',
                  to: [{type: DOCUMENT_TYPES.author}],
                  description:
                    'If this moderator writes posts, choose their author profile. Their comments on their own posts are then published at once and marked “Post author” with their credentials.',
                }),
              ],
              preview: {
                select: {title: 'name', kind: 'kind', accountId: 'accountId', email: 'email'},
                prepare: ({title, kind, accountId, email}) => ({
                  title: title || 'Moderator',
                  subtitle: kind === 'email' ? email : [MODERATOR_KIND_OPTIONS.find((k) => k.value === kind)?.title, accountId].filter(Boolean).join(': '),
                }),
              },
            }),
          ],
        }),
        defineField({
          name: 'notifyEmails',
          title: 'Who is told about new comments',
          type: 'array',
          description: 'Email addresses that receive a message when a comment waits for approval.',
          of: [
            defineArrayMember({
              type: 'string',
              validation: (rule) => rule.email().error('Enter an email address, e.g. office@example.com'),
            }),
          ],
          options: {layout: 'tags'},
          validation: (rule) => rule.unique().error('This address is already in the list.'),
        }),
      ],
    }),
    careRepliesField,
    importedFromField,
  ],
  preview: {
    select: {title: 'title', subtitle: 'practiceName'},
    prepare: ({title, subtitle}) => ({title: title || 'Site settings', subtitle}),
  },
})
