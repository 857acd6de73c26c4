import {expect, test} from 'vitest'
import {decideStatus, type PipelineStages, runCommentPipeline, validateSubmission} from './comment-pipeline.server'
import {testContext, testForm} from './checks/check-context.test-support'
import {type CommentFormValues, COMMENT_LIMITS, formValues} from './form-fields'

const typed = (fields: Partial<Record<keyof CommentFormValues, string>>) => formValues(testForm(fields))

test('a guest needs a name, a valid email and a comment; the website must be http(s)', () => {
  const result = validateSubmission(typed({name: ' ', email: 'ann@', website: 'ftp://x.example', body: ''}), undefined)
  expect(result).toEqual({
    ok: false,
    fieldErrors: {name: expect.any(String), email: expect.any(String), website: expect.stringMatching(/http/), body: expect.any(String)},
  })
  const ok = validateSubmission(typed({name: ' Ann ', email: 'ann@example.com', website: 'https://ann.example', body: 'Hi\r\nthere '}), undefined)
  expect(ok).toMatchObject({ok: true, submission: {name: 'Ann', email: 'ann@example.com', website: 'https://ann.example', body: 'Hi\nthere'}})
})

test('limits are enforced with the number in the message', () => {
  const result = validateSubmission(
    typed({name: 'n'.repeat(COMMENT_LIMITS.name + 1), email: 'a@example.com', body: 'b'.repeat(COMMENT_LIMITS.body + 1)}),
    undefined,
  )
  expect(result).toMatchObject({ok: false, fieldErrors: {name: expect.stringContaining('100'), body: expect.stringContaining('5,000')}})
})

test('a signed-in reader comments under the name they type, a pseudonym as welcome as the provider’s; email only when they want notifications without one', () => {
  const identity = {provider: 'github' as const, accountId: '42', name: 'Octo Realname'}
  expect(validateSubmission(typed({body: 'Hi', name: ' Quiet Owl '}), identity)).toMatchObject({ok: true, submission: {name: 'Quiet Owl', identity}})
  // Emptied on purpose: never the provider's name behind the reader's back.
  expect(validateSubmission(typed({body: 'Hi', name: ''}), identity)).toMatchObject({ok: false, fieldErrors: {name: expect.stringContaining('pseudonym')}})
  expect(validateSubmission(typed({body: 'Hi', name: 'n'.repeat(COMMENT_LIMITS.name + 1)}), identity)).toMatchObject({
    ok: false,
    fieldErrors: {name: expect.stringContaining('100')},
  })
  expect(validateSubmission(typed({body: 'Hi', name: 'Octo', notifyReplies: 'on'}), identity)).toMatchObject({
    ok: false,
    fieldErrors: {email: expect.any(String)},
  })
  expect(validateSubmission(typed({body: 'Hi', name: 'Octo', notifyReplies: 'on', email: 'o@example.com'}), identity)).toMatchObject({
    ok: true,
    submission: {email: 'o@example.com'},
  })
  expect(validateSubmission(typed({body: 'Hi', name: 'Octo'}), {...identity, email: 'v@example.com'})).toMatchObject({
    ok: true,
    submission: {email: 'v@example.com'},
  })
})

test('the strictest flag decides: trash over spam over hold; none publishes', () => {
  expect(decideStatus([])).toBe('approved')
  expect(decideStatus([{outcome: 'hold', reason: ''}])).toBe('pending')
  expect(
    decideStatus([
      {outcome: 'hold', reason: ''},
      {outcome: 'spam', reason: ''},
    ]),
  ).toBe('spam')
  expect(
    decideStatus([
      {outcome: 'trash', reason: ''},
      {outcome: 'spam', reason: ''},
    ]),
  ).toBe('trash')
})

test('gates run in order and stop at the first refusal; checks all run; the spam check sees their flags', async () => {
  const ran: string[] = []
  const context = testContext({form: testForm({name: 'Ann', email: 'ann@example.com', body: 'Hi'})})
  const stages = (refuseAt?: string): PipelineStages => ({
    requestGates: [
      {
        name: 'a',
        run: () => {
          ran.push('a')
          return refuseAt === 'a' ? {status: 403, message: 'no'} : null
        },
      },
    ],
    submissionGates: [
      {
        name: 'b',
        run: () => {
          ran.push('b')
          return refuseAt === 'b' ? {status: 429, message: 'wait'} : null
        },
      },
    ],
    checks: [
      {
        name: 'c',
        run: () => {
          ran.push('c')
          return {outcome: 'hold', reason: 'held by c'}
        },
      },
      {
        name: 'd',
        run: () => {
          ran.push('d')
          return null
        },
      },
    ],
    spamCheck: async (_context, flags) => {
      ran.push(`spam(${flags.length})`)
      return {flag: null, verdict: 'ham'}
    },
  })
  expect(await runCommentPipeline(context, stages('a'))).toEqual({type: 'rejected', rejection: {status: 403, message: 'no'}})
  expect(ran).toEqual(['a'])
  ran.length = 0
  expect(await runCommentPipeline(context, stages('b'))).toMatchObject({type: 'rejected', rejection: {status: 429}})
  expect(ran).toEqual(['a', 'b'])
  ran.length = 0
  expect(await runCommentPipeline(context, stages())).toMatchObject({type: 'accepted', status: 'pending', spamVerdict: 'ham', reasons: ['held by c']})
  expect(ran).toEqual(['a', 'b', 'c', 'd', 'spam(1)'])
})
