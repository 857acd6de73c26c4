import {expect, test} from 'vitest'
import {reportReasonSummary} from './comment-reports'

test('the reasons add up, the most given first, without any reporter data', () => {
  expect(reportReasonSummary([{reason: 'spam'}, {reason: 'unkind'}, {reason: 'unkind'}])).toBe('abusive or harassing (2), spam (1)')
  expect(reportReasonSummary([])).toBe('')
})
