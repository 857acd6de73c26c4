import {expect, test} from 'vitest'
import {findTreatmentRelationshipPhrases} from './reply-guard'

test('phrases that confirm a treatment relationship are found in reading order, each once', () => {
  expect(findTreatmentRelationshipPhrases('As we discussed in session, your diagnosis is nothing to be ashamed of. As we discussed!')).toEqual([
    'as we discussed',
    'in session',
    'your diagnosis',
  ])
  expect(findTreatmentRelationshipPhrases('Bring it to your next appointment; see you next week.')).toEqual(['your next appointment', 'see you next week'])
  expect(findTreatmentRelationshipPhrases('Keep to your treatment plan.')).toEqual(['your treatment plan'])
})

test('a general answer to a reader confirms nothing', () => {
  expect(findTreatmentRelationshipPhrases('Thank you for reading! Many people ask about diagnosis; a GP is a good first step.')).toEqual([])
  expect(findTreatmentRelationshipPhrases('Therapy can help; your GP can refer you.')).toEqual([])
})
