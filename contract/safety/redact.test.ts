import {expect, test} from 'vitest'
import {findHealthDetails} from './health-details'
import {REMOVED, redactPersonalDetails} from './redact'

const CLINICIANS = ['Dr. Jami Wilder, Psy.D.']

test('contact details and a date of birth are replaced; the rest of the text stays as written', () => {
  expect(redactPersonalDetails('Email ann.lee@example.co.uk or call +44 (0)7700 900123. It took 20 minutes in 2024.')).toBe(
    `Email ${REMOVED} or call ${REMOVED}. It took 20 minutes in 2024.`,
  )
  expect(redactPersonalDetails('My date of birth is 02.11.1979, so I am 46.')).toBe(`My date of birth is ${REMOVED}, so I am 46.`)
})

test('a full name beside health words, and a clinician named as the commenter’s own, are replaced; paragraphs kept', () => {
  expect(redactPersonalDetails('Thanks for this.\n\nMy brother Tom Baker has schizophrenia. Tom Baker read this too.')).toBe(
    `Thanks for this.\n\nMy brother ${REMOVED} has schizophrenia. Tom Baker read this too.`,
  )
  expect(redactPersonalDetails('My therapist is Dr Wilder. Jami, this is a good post.', CLINICIANS)).toBe(
    `My therapist is Dr ${REMOVED}. Jami, this is a good post.`,
  )
})

test('after redaction only the commenter’s statements about their own health remain for the moderator to judge', () => {
  const text = 'I was diagnosed with ADHD. Text me on 07700 900123 or ann@example.com; my therapist is Jami Wilder.'
  expect(findHealthDetails(redactPersonalDetails(text, CLINICIANS), CLINICIANS)).toEqual(['diagnosis-or-medication'])
  expect(redactPersonalDetails('Nothing personal here.', CLINICIANS)).toBe('Nothing personal here.')
})
