import {expect, test} from 'vitest'
import {COMMENT_STATUSES} from '../../contract/comments'
import {statusChangeMutations} from '../../contract/comment-record'
import {COMMENT_STATUS_ACTIONS, editsFromDraft, isShownFor} from './commentModeration'

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

const RECORD = {
  _id: 'comment-private.comment-1',
  _rev: 'rev-1',
  _type: 'comment',
  status: 'pending',
  post: {_type: 'reference', _ref: 'post-1', _weak: true},
  authorName: 'Ann',
  authorWebsite: 'https://ann.example',
  provider: 'github',
  providerAccountId: '99',
  email: 'ann@example.com',
  body: 'My name is Ann Smith and I live at 1 Elm St.',
  spamReason: 'Personal details',
  submittedAt: '2026-01-01T00:00:00.000Z',
}
const AT = new Date('2026-02-03T04:05:06.000Z')
const STUDIO_USER = {kind: 'studio', userId: 'p-mo', name: 'Mo'} as const

test('Approve from Studio: one transaction sets the status (if unchanged since read), writes the public copy (public fields only) and logs the Studio user', () => {
  const [patch, copy, entry] = statusChangeMutations({record: RECORD, to: 'approved', who: STUDIO_USER, at: AT, auditKey: 'k1'})
  expect(patch).toEqual({patch: {id: RECORD._id, ifRevisionID: 'rev-1', set: {status: 'approved', decidedAt: AT.toISOString()}}})
  expect(copy).toEqual({
    createOrReplace: {
      _id: 'comment-1',
      _type: 'publicComment',
      post: {_type: 'reference', _ref: 'post-1', _weak: true},
      authorName: 'Ann',
      authorWebsite: 'https://ann.example',
      provider: 'github',
      body: RECORD.body,
      submittedAt: RECORD.submittedAt,
    },
  })
  expect(entry).toEqual({
    create: {
      _id: 'comment-audit.k1',
      _type: 'commentAudit',
      comment: {_type: 'reference', _ref: RECORD._id, _weak: true},
      from: 'pending',
      to: 'approved',
      at: AT.toISOString(),
      who: STUDIO_USER,
    },
  })
})

test('a moderator’s draft edits (a redaction, a cleared website) are published with the decision, and the public copy has them', () => {
  const draft = {...RECORD, _id: `drafts.${RECORD._id}`, body: 'My name is Ann and I live nearby.', authorWebsite: undefined, email: 'changed@example.com'}
  const [patch, copy] = statusChangeMutations({record: RECORD, to: 'approved', who: STUDIO_USER, at: AT, auditKey: 'k2', edits: editsFromDraft(draft)})
  expect(patch).toMatchObject({patch: {set: {body: 'My name is Ann and I live nearby.', status: 'approved'}, unset: ['authorWebsite']}})
  // Only the fields a moderator may edit: the private ones are never taken from a draft.
  expect(JSON.stringify(patch)).not.toContain('changed@example.com')
  expect((copy as {createOrReplace: Record<string, unknown>}).createOrReplace).toMatchObject({body: 'My name is Ann and I live nearby.'})
  expect((copy as {createOrReplace: Record<string, unknown>}).createOrReplace).not.toHaveProperty('authorWebsite')
})

test('every move away from approved deletes the public copy', () => {
  for (const to of ['pending', 'spam', 'trash'] as const) {
    const [, copy] = statusChangeMutations({record: {...RECORD, status: 'approved'}, to, who: STUDIO_USER, at: AT, auditKey: 'k3'})
    expect(copy, to).toEqual({delete: {id: 'comment-1'}})
  }
})
