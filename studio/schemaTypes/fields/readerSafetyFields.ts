import {defineArrayMember, defineField} from 'sanity'
import {
  APPOINTMENT_LABEL_DEFAULT,
  CARE_MESSAGE_DEFAULT,
  CRISIS_LINK_SCHEMES,
  CRISIS_NOTICE_DEFAULTS,
  NOT_ADVICE_DEFAULT,
} from '../../../contract/reader-notices'

/**
 * Site settings › Reader safety: the crisis notice beside every comment form and the
 * not-advice notice (decision 0205). Plain strings, not rich text: the site lays them out the
 * same way everywhere, and an editor cannot lose the links' purpose in formatting.
 */

const schemes = CRISIS_LINK_SCHEMES.map((scheme) => scheme.replace(/:$/, ''))

export const crisisNoticeField = defineField({
  name: 'crisisNotice',
  title: 'Crisis notice',
  type: 'object',
  group: 'readers',
  description:
    'Shown beside every comment form, above it on sensitive posts, and to a commenter whose words suggest they may be in crisis. A part left empty shows the default wording.',
  options: {collapsible: false},
  fields: [
    defineField({
      name: 'heading',
      title: 'Heading',
      type: 'string',
      initialValue: CRISIS_NOTICE_DEFAULTS.heading,
      validation: (rule) => rule.max(100).error('Keep the heading to 100 characters or fewer.'),
    }),
    defineField({
      name: 'resources',
      title: 'Where to get help now',
      type: 'array',
      description: 'One line each. A link may call (tel:988), text (sms:741741?&body=HOME) or open a web page (https://…).',
      initialValue: CRISIS_NOTICE_DEFAULTS.resources.map((resource, index) => ({_type: 'crisisResource', _key: `default-${index + 1}`, ...resource})),
      of: [
        defineArrayMember({
          type: 'object',
          name: 'crisisResource',
          fields: [
            defineField({
              name: 'text',
              title: 'What the reader sees',
              type: 'string',
              validation: (rule) => [
                rule.required().error('Write the line, e.g. “Call 988, any time”.'),
                rule.max(140).error('Keep the line to 140 characters or fewer.'),
              ],
            }),
            defineField({
              name: 'link',
              title: 'Link',
              type: 'url',
              validation: (rule) => rule.uri({scheme: schemes}).error('Start the link with tel:, sms:, or https://'),
            }),
          ],
          preview: {select: {title: 'text', subtitle: 'link'}},
        }),
      ],
    }),
    defineField({
      name: 'note',
      title: 'About replies',
      type: 'text',
      rows: 3,
      description: 'Says that comments are not read around the clock.',
      initialValue: CRISIS_NOTICE_DEFAULTS.note,
      validation: (rule) => rule.max(400).error('Keep this to 400 characters or fewer.'),
    }),
    defineField({
      name: 'careMessage',
      title: 'To a commenter who may be in crisis',
      type: 'text',
      rows: 3,
      description:
        'Shown only to the commenter, above the lines above, when their comment is held because it may come from someone in crisis. Never repeat their words here.',
      initialValue: CARE_MESSAGE_DEFAULT,
      validation: (rule) => rule.max(400).error('Keep this to 400 characters or fewer.'),
    }),
  ],
})

export const notAdviceNoticeField = defineField({
  name: 'notAdviceNotice',
  title: 'Not-advice notice',
  type: 'text',
  rows: 3,
  group: 'readers',
  description: 'Shown beside the comment form and in the footer of every page. Left empty, the default wording is shown.',
  initialValue: NOT_ADVICE_DEFAULT,
  validation: (rule) => rule.max(400).error('Keep the notice to 400 characters or fewer.'),
})

export const appointmentFields = [
  defineField({
    name: 'appointmentUrl',
    title: 'Appointment link',
    type: 'url',
    group: 'practice',
    description: 'Where readers can ask for an appointment, shown in the footer. Optional.',
    validation: (rule) => rule.uri({scheme: ['http', 'https']}).error('Enter the full address, starting with https://'),
  }),
  defineField({
    name: 'appointmentLabel',
    title: 'Appointment link text',
    type: 'string',
    group: 'practice',
    initialValue: APPOINTMENT_LABEL_DEFAULT,
    validation: (rule) => rule.max(60).error('Keep the link text to 60 characters or fewer.'),
  }),
]
