/**
 * Which comments in view are selected and which one has the keyboard, as a reducer: the list
 * component only renders it and turns keys into actions (keyForSelection), so the whole
 * behaviour is tested without a browser. As in a mail client: arrows or j/k move, x or Space
 * selects, Shift extends from the last one chosen (the anchor), and "all" means all in view.
 */

export interface Selection {
  /** The comments in view, in order. */
  ids: readonly string[]
  selected: ReadonlySet<string>
  /** The row that has the keyboard. */
  current: number
  /** Where a Shift range starts: the row last toggled by itself. */
  anchor: number
}

export type SelectionAction =
  | {type: 'move'; by: 1 | -1; extend: boolean}
  | {type: 'focus'; index: number}
  | {type: 'toggle'; index: number; range: boolean}
  /** Exactly these (those of them in view): all, none, or what is left to do after a run. */
  | {type: 'select'; ids: readonly string[]}
  /** A new page of comments: what left the view is no longer selected. */
  | {type: 'view'; ids: readonly string[]}

export function emptySelection(ids: readonly string[] = []): Selection {
  return {ids, selected: new Set(), current: 0, anchor: 0}
}

const clamp = (index: number, ids: readonly string[]) => Math.min(Math.max(index, 0), Math.max(ids.length - 1, 0))

function between(ids: readonly string[], a: number, b: number): string[] {
  return ids.slice(Math.min(a, b), Math.max(a, b) + 1)
}

export function selectionReducer(state: Selection, action: SelectionAction): Selection {
  const {ids} = state
  switch (action.type) {
    case 'move': {
      const current = clamp(state.current + action.by, ids)
      if (!action.extend || ids.length === 0) return {...state, current}
      // Shift+arrow selects every row passed over, from the anchor to where it lands.
      return {...state, current, selected: new Set([...state.selected, ...between(ids, state.anchor, current)])}
    }
    case 'focus':
      return {...state, current: clamp(action.index, ids)}
    case 'toggle': {
      const index = clamp(action.index, ids)
      const id = ids[index]
      if (id === undefined) return state
      if (action.range) {
        // The range takes the state of the row it ends on, as it is after the click.
        const select = !state.selected.has(id)
        const next = new Set(state.selected)
        for (const inRange of between(ids, state.anchor, index)) select ? next.add(inRange) : next.delete(inRange)
        return {...state, current: index, selected: next}
      }
      const next = new Set(state.selected)
      next.has(id) ? next.delete(id) : next.add(id)
      return {...state, current: index, anchor: index, selected: next}
    }
    case 'select':
      return {...state, selected: new Set(action.ids.filter((id) => ids.includes(id)))}
    case 'view': {
      const kept = new Set([...state.selected].filter((id) => action.ids.includes(id)))
      return {ids: action.ids, selected: kept, current: clamp(state.current, action.ids), anchor: clamp(state.anchor, action.ids)}
    }
  }
}

/** Whether every comment in view is selected (and there is one). */
export function allSelected(state: Selection): boolean {
  return state.ids.length > 0 && state.ids.every((id) => state.selected.has(id))
}

/** The selected ids in the order they are shown. */
export function selectedInOrder(state: Selection): string[] {
  return state.ids.filter((id) => state.selected.has(id))
}

interface Key {
  key: string
  shiftKey: boolean
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
}

/**
 * The action a key pressed on a row stands for, or null to leave the key alone (so Tab, Enter
 * and the browser's and screen readers' own shortcuts work as ever). The letters only act while
 * a row has focus, which is what WCAG 2.1.4 asks of one-key shortcuts.
 */
export function keyForSelection(key: Key, current: number): SelectionAction | null {
  if (key.ctrlKey || key.metaKey || key.altKey) return null
  switch (key.key) {
    case 'ArrowDown':
    case 'j':
    case 'J':
      return {type: 'move', by: 1, extend: key.shiftKey}
    case 'ArrowUp':
    case 'k':
    case 'K':
      return {type: 'move', by: -1, extend: key.shiftKey}
    case 'x':
    case 'X':
    case ' ':
      return {type: 'toggle', index: current, range: key.shiftKey}
    case 'Home':
      return {type: 'focus', index: 0}
    case 'End':
      return {type: 'focus', index: Number.MAX_SAFE_INTEGER}
    default:
      return null
  }
}
