import {expect, test} from 'vitest'
import {findHealthDetails} from './health-details'

const CLINICIANS = ['Dr. Jami Wilder, Psy.D.']
const kinds = (text: string) => findHealthDetails(text, CLINICIANS)

test('contact details: a phone number (9 to 15 digits), an email address', () => {
  expect(kinds('Text me on +44 (0)7700 900123')).toEqual(['phone'])
  expect(kinds('ann.lee@example.co.uk')).toEqual(['email'])
  expect(kinds('It took 20 minutes in 2024, about 10,000 steps.')).toEqual([])
})

test('a date of birth, a full name beside a health word, a first-person diagnosis or medicine', () => {
  expect(kinds('My date of birth is 02/11/1979')).toEqual(['date-of-birth'])
  expect(kinds('My brother Tom Baker has schizophrenia.')).toEqual(['name-with-health'])
  expect(kinds('Tom Baker read this too.')).toEqual([])
  expect(kinds('I was diagnosed with ADHD at 34.')).toEqual(['diagnosis-or-medication'])
  expect(kinds('I have bipolar.')).toEqual(['diagnosis-or-medication'])
  expect(kinds("I'm on sertraline.")).toEqual(['diagnosis-or-medication'])
  expect(kinds('Can medication help with panic attacks?')).toEqual([])
})

test('a clinician of the practice named as the commenter’s own, by full name, surname or first name', () => {
  expect(kinds('My therapist is Dr Wilder.')).toEqual(['own-clinician'])
  expect(kinds('I have sessions with Jami on Tuesdays.')).toEqual(['own-clinician'])
  expect(kinds('Dr Wilder, this is one of your best posts.')).toEqual([])
  expect(findHealthDetails('My therapist is Dr Wilder.', [])).toEqual([])
})
