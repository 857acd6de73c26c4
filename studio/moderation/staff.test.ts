import {expect, test} from 'vitest'
import {isStaff} from './staff'

test('administrators and editors are staff; viewers, unknown roles and nobody are not', () => {
  expect(isStaff({roles: [{name: 'administrator'}]})).toBe(true)
  expect(isStaff({roles: [{name: 'viewer'}, {name: 'editor'}]})).toBe(true)
  expect(isStaff({roles: [{name: 'viewer'}]})).toBe(false)
  expect(isStaff({roles: [{name: 'reader'}]})).toBe(false)
  expect(isStaff({roles: []})).toBe(false)
  expect(isStaff({})).toBe(false)
  expect(isStaff(null)).toBe(false)
})
