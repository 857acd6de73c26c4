import {defineArrayMember, defineField} from 'sanity'
import {DEFAULT_CARE_REPLIES} from '../../../contract/care-replies'

/** Site settings › Care replies: its own tab, beside the moderation rules. */
export const careRepliesGroup = {name: 'careReplies', title: 'Care replies'}

/**
 * The replies a moderator starts from on a comment that needs care (the comment's "Care
 * replies" action). Empty, the contract's defaults are offered.
 */
export const careRepliesField = defineField({
  name: 'careReplies',
  title: 'Care replies',
  type: 'array',
  group: careRepliesGroup.name,
  description:
    'Offered, with a Copy button and “Email privately”, on comments held because they need care. {name} becomes the commenter’s name; {practiceName} and {practicePhone} the practice’s. Acknowledge, give the crisis line, invite private contact; no clinical advice, no promises. Empty, the built-in replies are offered.',
  initialValue: DEFAULT_CARE_REPLIES.map((reply, index) => ({_key: `default-${index}`, _type: 'careReply', ...reply})),
  of: [
    defineArrayMember({
      type: 'object',
      name: 'careReply',
      fields: [
        defineField({
          name: 'title',
          title: 'When to use it',
          type: 'string',
          validation: (rule) => [rule.required().error('Say when to use this reply, e.g. “Public reply: support is available now”.'), rule.max(100)],
        }),
        defineField({
          name: 'text',
          title: 'Reply',
          type: 'text',
          rows: 6,
          validation: (rule) => [rule.required().error('Write the reply.'), rule.max(2000).error('Keep a reply to 2,000 characters or fewer.')],
        }),
      ],
    }),
  ],
})
