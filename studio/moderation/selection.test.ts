import {expect, test} from 'vitest'
import {allSelected, emptySelection, keyForSelection, type Selection, type SelectionAction, selectedInOrder, selectionReducer} from './selection'

const IDS = ['a', 'b', 'c', 'd', 'e']
const apply = (actions: SelectionAction[], start: Selection = emptySelection(IDS)) => actions.reduce(selectionReducer, start)
const key = (name: string, modifiers: Partial<{shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean}> = {}) => ({
  key: name,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...modifiers,
})
/** Presses keys in turn, as the list does: each key becomes an action on the row that has focus. */
function press(names: (string | [string, {shiftKey: boolean}])[], start: Selection = emptySelection(IDS)): Selection {
  let state = start
  for (const name of names) {
    const action = Array.isArray(name) ? keyForSelection(key(name[0], name[1]), state.current) : keyForSelection(key(name), state.current)
    if (action) state = selectionReducer(state, action)
  }
  return state
}

test('arrows and j/k move between rows and stop at either end', () => {
  expect(press(['ArrowDown', 'j', 'j']).current).toBe(3)
  expect(press(['j', 'j', 'j', 'j', 'j', 'j', 'j']).current).toBe(4)
  expect(press(['j', 'j', 'k', 'ArrowUp', 'ArrowUp']).current).toBe(0)
  expect(press(['End']).current).toBe(4)
  expect(press(['End', 'Home']).current).toBe(0)
})

test('x and Space choose the row with focus, and choose it no longer when pressed again', () => {
  expect(selectedInOrder(press(['x', 'j', 'j', ' ']))).toEqual(['a', 'c'])
  expect(selectedInOrder(press(['x', 'x']))).toEqual([])
})

test('Shift with x chooses the range from the row last chosen on its own; Shift+arrows choose every row passed over', () => {
  expect(selectedInOrder(press(['j', 'x', 'j', 'j', ['x', {shiftKey: true}]]))).toEqual(['b', 'c', 'd'])
  expect(selectedInOrder(press(['j', 'x', ['j', {shiftKey: true}], ['ArrowDown', {shiftKey: true}]]))).toEqual(['b', 'c', 'd'])
  // A range upwards works the same way.
  expect(selectedInOrder(press(['End', 'x', 'k', 'k', ['x', {shiftKey: true}]]))).toEqual(['c', 'd', 'e'])
})

test('a Shift range takes the state of the row it ends on: it can also unchoose many at once', () => {
  const all = apply([{type: 'select', ids: IDS}])
  expect(
    selectedInOrder(
      apply(
        [
          {type: 'toggle', index: 1, range: false},
          {type: 'toggle', index: 3, range: true},
        ],
        all,
      ),
    ),
  ).toEqual(['a', 'e'])
})

test('a click with Shift chooses a range as Shift+x does', () => {
  expect(
    selectedInOrder(
      apply([
        {type: 'toggle', index: 4, range: false},
        {type: 'toggle', index: 2, range: true},
      ]),
    ),
  ).toEqual(['c', 'd', 'e'])
})

test('all in view, none, and the header box’s state', () => {
  const all = apply([{type: 'select', ids: IDS}])
  expect(allSelected(all)).toBe(true)
  expect(allSelected(apply([{type: 'toggle', index: 0, range: false}], all))).toBe(false)
  expect(selectedInOrder(apply([{type: 'select', ids: []}], all))).toEqual([])
  expect(allSelected(emptySelection([]))).toBe(false)
  // Only ids in view can be chosen.
  expect(selectedInOrder(apply([{type: 'select', ids: ['b', 'z']}]))).toEqual(['b'])
})

test('a new page keeps only the chosen rows still in view, and the focus within it', () => {
  const state = apply([
    {type: 'select', ids: ['a', 'd']},
    {type: 'focus', index: 4},
    {type: 'view', ids: ['d', 'f']},
  ])
  expect(selectedInOrder(state)).toEqual(['d'])
  expect(state.current).toBe(1)
  expect(apply([{type: 'view', ids: []}]).current).toBe(0)
})

test('keys with Ctrl, Alt or Cmd, and keys the list does not use, are left to the browser and screen readers', () => {
  expect(keyForSelection(key('x', {ctrlKey: true}), 0)).toBeNull()
  expect(keyForSelection(key('j', {altKey: true}), 0)).toBeNull()
  expect(keyForSelection(key('ArrowDown', {metaKey: true}), 0)).toBeNull()
  expect(keyForSelection(key('Tab'), 0)).toBeNull()
  expect(keyForSelection(key('Enter'), 0)).toBeNull()
  expect(keyForSelection(key('a'), 0)).toBeNull()
})
