import {expect, test} from 'vitest'
import {FORM_TOKEN_FIELD, formTokenIsForSession, issueFormToken} from '~/security/form-token.server'
import {fillTimeCheck, formTokenGate} from './form-token.server'
import {testContext, testForm} from './check-context.test-support'

const served = Date.parse('2026-11-27T10:00:00Z')

function contextWith(token: string | undefined, secondsLater: number) {
  return testContext({form: testForm({[FORM_TOKEN_FIELD]: token}), now: new Date(served + secondsLater * 1000)})
}

test('a guest form served by the site passes; a missing or forged token does not', () => {
  const gate = formTokenGate({signedIn: false})
  expect(gate.run(contextWith(issueFormToken(undefined, served), 30))).toBeNull()
  expect(gate.run(contextWith(undefined, 30))).toMatchObject({status: 403})
  expect(gate.run(contextWith('eyJ9.forged', 30))).toMatchObject({status: 403})
})

test('a signed-in reader’s form must have been served to their own session', () => {
  const gate = formTokenGate({csrfSecret: 'mine', signedIn: true})
  expect(gate.run(contextWith(issueFormToken('mine', served), 30))).toBeNull()
  expect(gate.run(contextWith(issueFormToken('someone-else', served), 30))).toMatchObject({status: 403})
  // A token from a cached anonymous page can't carry a signed-in reader's comment.
  expect(gate.run(contextWith(issueFormToken(undefined, served), 30))).toMatchObject({status: 403})
})

test('an expired form says so, and keeps the text (a 400, not a forgery)', () => {
  const gate = formTokenGate({signedIn: false})
  const rejection = gate.run(contextWith(issueFormToken(undefined, served), 4 * 24 * 60 * 60))
  expect(rejection).toMatchObject({status: 400})
  expect((rejection as {message: string}).message).toMatch(/expired/)
})

test('a comment sent faster than a person could type it is held, not refused', () => {
  const check = fillTimeCheck(3)
  expect(check.run(contextWith(issueFormToken(undefined, served), 1))).toMatchObject({outcome: 'hold'})
  expect(check.run(contextWith(issueFormToken(undefined, served), 5))).toBeNull()
})

test('a moderator’s button form counts only with a token served to their own session', () => {
  const form = (token: string | undefined) => testForm({[FORM_TOKEN_FIELD]: token})
  expect(formTokenIsForSession(form(issueFormToken('mine', served)), 'mine', served + 1000)).toBe(true)
  expect(formTokenIsForSession(form(issueFormToken('someone-else', served)), 'mine', served + 1000)).toBe(false)
  expect(formTokenIsForSession(form(issueFormToken(undefined, served)), 'mine', served + 1000)).toBe(false)
  expect(formTokenIsForSession(form(issueFormToken('mine', served)), undefined, served + 1000)).toBe(false)
  expect(formTokenIsForSession(form(undefined), 'mine', served + 1000)).toBe(false)
  expect(formTokenIsForSession(form(issueFormToken('mine', served)), 'mine', served + 4 * 24 * 60 * 60 * 1000)).toBe(false)
})
