import {renderToStaticMarkup} from 'react-dom/server'
import {expect, test} from 'vitest'
import {DEFAULT_CARE_REPLIES} from '../../contract/care-replies'
import {CareReplies} from './careReplies'
import {redactionReport} from './redactPersonalDetails'

const comment = {status: 'pending', spamReason: 'Needs care: possible crisis language (self-harm).', authorName: 'Ann', email: 'ann@example.com'}
const settings = {practiceName: 'Wilder Therapy', practicePhone: '(401) 555-0123'}

test('the default replies, filled in for the commenter, each with Copy and Email privately to the comment’s own address', () => {
  const html = renderToStaticMarkup(<CareReplies comment={comment} settings={settings} />)
  for (const reply of DEFAULT_CARE_REPLIES) expect(html).toContain(reply.title)
  expect(html).toContain('Thank you for writing, Ann.')
  expect(html).toContain('(401) 555-0123')
  expect(html).not.toContain('{practicePhone}')
  expect(html.match(/<button type="button">Copy<\/button>/g)).toHaveLength(DEFAULT_CARE_REPLIES.length)
  expect(html.match(/href="mailto:ann@example.com\?subject=/g)).toHaveLength(DEFAULT_CARE_REPLIES.length)
})

test('replies edited in Site settings replace the defaults; without an address there is no Email privately', () => {
  const html = renderToStaticMarkup(
    <CareReplies comment={{...comment, email: undefined}} settings={{...settings, careReplies: [{title: 'Our own', text: 'Hello {name}, call 988.'}]}} />,
  )
  expect(html).toContain('Hello Ann, call 988.')
  expect(html).not.toContain(DEFAULT_CARE_REPLIES[0]!.title)
  expect(html).not.toContain('mailto:')
  expect(html).toContain('This comment has no email address')
})

test('after redaction the moderator is told what was replaced and what is left for them', () => {
  const clinicians = ['Dr. Jami Wilder']
  expect(redactionReport('Call 07700 900123.', 'Call [removed].', clinicians)).toMatch(/^Contact details, dates of birth and names were replaced/)
  expect(redactionReport('I have bipolar.', 'I have bipolar.', clinicians)).toBe(
    'There were no contact details, dates of birth or names to remove. Still in the text: a first-person diagnosis or medicine. Edit the Comment field by hand if it says more than it should.',
  )
})
