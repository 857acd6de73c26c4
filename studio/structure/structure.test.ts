import {expect, test} from 'vitest'
import {SITE_SETTINGS_ID} from '../../contract/documents'
import {COMMENT_STATUS_OPTIONS} from '../schemaTypes/commentType'
import {schemaTypes} from '../schemaTypes'
import {COMMENT_LIST_FILTER, COMMENT_LISTS, COMMENTER_RULES_LIST, NEEDS_CARE_LIST, NOT_CREATABLE_TYPES} from '.'

test('there is one comment list per status, in the schema’s order', () => {
  expect(COMMENT_LISTS.map((list) => [list.title, list.params.status])).toEqual(COMMENT_STATUS_OPTIONS.map((status) => [status.title, status.value]))
  expect(new Set(COMMENT_LISTS.map((list) => list.id)).size).toBe(COMMENT_LISTS.length)
})

test('the comment lists show comments only, chosen by the status parameter', () => {
  expect(COMMENT_LIST_FILTER).toBe('_type == "comment" && status == $status')
})

test('the types kept out of “create new” exist, and the settings singleton has its type’s name', () => {
  const names = schemaTypes.map((type) => type.name)
  for (const name of NOT_CREATABLE_TYPES) expect(names).toContain(name)
  expect(names).toContain(SITE_SETTINGS_ID)
})

test('Needs care has its own id (it is part of the list’s address), apart from the status lists', () => {
  expect(COMMENT_LISTS.map((list) => list.id)).not.toContain(NEEDS_CARE_LIST.id)
  expect(NEEDS_CARE_LIST.title).toBe('Needs care')
})

test('Banned & trusted is its own list, and rules are made from a comment, never with “create new”', () => {
  expect(COMMENTER_RULES_LIST.title).toBe('Banned & trusted')
  expect(COMMENT_LISTS.map((list) => list.id)).not.toContain(COMMENTER_RULES_LIST.id)
  expect(NOT_CREATABLE_TYPES).toContain('commenterRule')
})
