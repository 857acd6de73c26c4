import {expect, test} from 'vitest'
import {COMMENT_STATUSES} from '../../contract/comments'
import {COMMENT_STATUS_ACTIONS, isShownFor} from './commentModeration'

const shown = (comment: Record<string, unknown> | null) => COMMENT_STATUS_ACTIONS.filter((spec) => isShownFor(spec, comment)).map((spec) => spec.label)

test('each status offers only the moves that make sense from it', () => {
  expect(shown({status: 'pending'})).toEqual(['Approve', 'Spam', 'Trash'])
  expect(shown({status: 'approved'})).toEqual(['Unapprove', 'Spam', 'Trash'])
  expect(shown({status: 'spam'})).toEqual(['Not spam', 'Trash'])
  expect(shown({status: 'trash'})).toEqual(['Approve'])
})

test('no action ever sets the status the comment already has', () => {
  for (const spec of COMMENT_STATUS_ACTIONS) expect(spec.shownFor, spec.label).not.toContain(spec.status)
})

test('every status can be left, and every action sets a real status', () => {
  const statuses = COMMENT_STATUSES
  for (const status of statuses) expect(shown({status}).length, status).toBeGreaterThan(0)
  for (const spec of COMMENT_STATUS_ACTIONS) expect(statuses).toContain(spec.status)
})

test('a comment without a known status is treated as pending; an unsaved one gets no actions', () => {
  expect(shown({})).toEqual(shown({status: 'pending'}))
  expect(shown({status: 'bogus'})).toEqual(shown({status: 'pending'}))
  expect(shown(null)).toEqual([])
})

test('Unapprove and Not spam both send the comment back to pending', () => {
  const target = (label: string) => COMMENT_STATUS_ACTIONS.find((spec) => spec.label === label)?.status
  expect([target('Unapprove'), target('Not spam'), target('Approve'), target('Spam'), target('Trash')]).toEqual([
    'pending',
    'pending',
    'approved',
    'spam',
    'trash',
  ])
})
