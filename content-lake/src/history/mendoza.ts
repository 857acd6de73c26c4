/**
 * A Mendoza encoder: the patch that turns one JSON document into another by copying what did not
 * change from the input, as hosted Sanity's effects do. Studio's "Review changes" replays these
 * patches with mendoza's incremental patcher, which credits a value to the patch that wrote it,
 * so a patch that restated unchanged parts would credit them to the wrong transaction.
 *
 * Format: github.com/sanity-io/mendoza docs/format.adoc, as mendoza-js 3 decodes it (field and
 * element operands are indexes: a field's position among its object's keys in default sort order).
 *
 * Cost: comparisons and emitted operations are counted; a patch that needs more than
 * WORK_BUDGET units is given up for one literal value, as are changes deeper than MAX_DEPTH.
 * Below those bounds the work is O(size × depth) of the two documents.
 */

type Json = null | boolean | number | string | Json[] | {[key: string]: Json}
type JsonObject = {[key: string]: Json}
export type MendozaPatch = unknown[]

const VALUE = 0
const PUSH_FIELD_COPY = 10
const PUSH_FIELD_BLANK = 11
const PUSH_ELEMENT_COPY = 12
const PUSH_ELEMENT_BLANK = 13
const RETURN_INTO_OBJECT_SAME_KEY_POP = 15
const RETURN_INTO_ARRAY_POP = 16
const OBJECT_SET_FIELD_VALUE = 17
const OBJECT_DELETE_FIELD = 19
const ARRAY_APPEND_VALUE = 20
const ARRAY_APPEND_SLICE = 21
const STRING_APPEND_STRING = 22
const STRING_APPEND_SLICE = 23

/** Units of work (values compared or written) one patch may take before it becomes a literal. */
export const WORK_BUDGET = 1_000_000
/** Nesting below which a changed value is restated rather than edited. */
export const MAX_DEPTH = 32

class OverBudget extends Error {}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Keys as a decoder sees the document once it is JSON: fields holding `undefined` do not exist. */
const keysOf = (object: JsonObject) => Object.keys(object).filter((key) => object[key] !== undefined)

/** A field's value, never one inherited from Object.prototype (a field may be named `valueOf`). */
const field = (object: JsonObject, key: string): Json | undefined => (Object.hasOwn(object, key) ? object[key] : undefined)

const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8')

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff
/** Whether cutting at this UTF-16 offset would part the two halves of one character. */
const splitsAPair = (text: string, at: number) => isHighSurrogate(text.charCodeAt(at - 1)) && isLowSurrogate(text.charCodeAt(at))

/** How a right-hand array element is made: copied from a left element, edited from one, or written. */
type ElementSource = {from: number; edit: boolean} | null

class Encoder {
  readonly ops: unknown[] = []
  private work = 0

  private spend(units = 1) {
    this.work += units
    if (this.work > WORK_BUDGET) throw new OverBudget()
  }

  /** Deep equality, with a stack of its own so that no nesting overflows the call stack. */
  equal(a: Json | undefined, b: Json | undefined): boolean {
    const pending: [Json | undefined, Json | undefined][] = [[a, b]]
    for (let pair = pending.pop(); pair; pair = pending.pop()) {
      this.spend()
      const [x, y] = pair
      if (x === y) continue
      if (Array.isArray(x)) {
        if (!Array.isArray(y) || x.length !== y.length) return false
        for (const [i, item] of x.entries()) pending.push([item, y[i]])
        continue
      }
      if (!isObject(x) || !isObject(y)) return false
      const keys = keysOf(x)
      if (keys.length !== keysOf(y).length) return false
      for (const key of keys) pending.push([x[key], field(y, key)])
    }
    return true
  }

  /** Whether `right` is better made by editing `left` than by writing it out. */
  editable(left: Json, right: Json, depth: number): boolean {
    if (depth >= MAX_DEPTH) return false
    if (typeof left === 'string' && typeof right === 'string') return stringReuse(left, right).reused > 0
    if (isObject(left) && isObject(right)) return keysOf(right).some((key) => field(left, key) !== undefined)
    if (Array.isArray(left) && Array.isArray(right)) return left.length > 0 && right.length > 0 && sharesAKey(left, right)
    return false
  }

  /**
   * Modifies the output value, a copy of the input object `left`, into `right`. At the root the
   * decoder starts with the input document as output, so no operation is needed to get there.
   */
  editObject(left: JsonObject, right: JsonObject, depth: number) {
    const leftKeys = keysOf(left).sort()
    const index = new Map(leftKeys.map((key, i) => [key, i]))
    leftKeys.forEach((key, i) => {
      if (field(right, key) === undefined) this.emit(OBJECT_DELETE_FIELD, i)
    })
    for (const key of keysOf(right)) {
      const i = index.get(key)
      const [before, after] = [field(left, key), right[key] as Json]
      if (i !== undefined && this.equal(before, after)) continue
      if (i !== undefined && this.editable(before as Json, after, depth + 1)) {
        this.emit(isObject(before) ? PUSH_FIELD_COPY : PUSH_FIELD_BLANK, i)
        this.editBody(before as Json, after, depth + 1)
        this.emit(RETURN_INTO_OBJECT_SAME_KEY_POP)
      } else {
        this.emit(OBJECT_SET_FIELD_VALUE, after, key)
      }
    }
  }

  /** With `left` on the input stack and a copy of it (object) or a blank (array, string) as output, makes `right`. */
  private editBody(left: Json, right: Json, depth: number) {
    if (isObject(left)) this.editObject(left, right as JsonObject, depth)
    else if (Array.isArray(left)) this.editArray(left, right as Json[], depth)
    else this.editString(left as string, right as string)
  }

  private editArray(left: Json[], right: Json[], depth: number) {
    const sources = this.arraySources(left, right, depth)
    for (let i = 0; i < right.length; ) {
      const source = sources[i] ?? null
      if (source === null) {
        this.emit(ARRAY_APPEND_VALUE, right[i])
        i++
      } else if (source.edit) {
        const before = left[source.from] as Json
        this.emit(isObject(before) ? PUSH_ELEMENT_COPY : PUSH_ELEMENT_BLANK, source.from)
        this.editBody(before, right[i] as Json, depth + 1)
        this.emit(RETURN_INTO_ARRAY_POP)
        i++
      } else {
        // Runs of elements copied in their old order become one slice.
        let end = i + 1
        while (end < right.length && sources[end]?.edit === false && sources[end]!.from === source.from + (end - i)) end++
        this.emit(ARRAY_APPEND_SLICE, source.from, source.from + (end - i))
        i = end
      }
    }
  }

  /**
   * Where each element of `right` comes from. Arrays of keyed objects (Portable Text, arrays of
   * objects in Studio) are matched by `_key`, so moved, inserted and removed elements keep the
   * rest in place. Other arrays keep their common start and end, and edit what lies between
   * position by position.
   */
  private arraySources(left: Json[], right: Json[], depth: number): ElementSource[] {
    const byKey = keyIndex(left)
    if (byKey && keyIndex(right)) {
      return right.map((element) => {
        const from = byKey.get((element as JsonObject)._key as string)
        if (from === undefined) return null
        if (this.equal(left[from], element)) return {from, edit: false}
        return this.editable(left[from] as Json, element, depth + 1) ? {from, edit: true} : null
      })
    }
    let start = 0
    while (start < left.length && start < right.length && this.equal(left[start], right[start])) start++
    let end = 0
    while (end < left.length - start && end < right.length - start && this.equal(left[left.length - 1 - end], right[right.length - 1 - end])) end++
    return right.map((element, i) => {
      if (i < start) return {from: i, edit: false}
      if (i >= right.length - end) return {from: left.length - (right.length - i), edit: false}
      return i < left.length - end && this.editable(left[i] as Json, element, depth + 1) ? {from: i, edit: true} : null
    })
  }

  private editString(left: string, right: string) {
    const {prefix, suffix} = stringReuse(left, right)
    const leftBytes = utf8Length(left)
    const prefixBytes = utf8Length(left.slice(0, prefix))
    if (prefix > 0) this.emit(STRING_APPEND_SLICE, 0, prefixBytes)
    const middle = right.slice(prefix, right.length - suffix)
    if (middle !== '') this.emit(STRING_APPEND_STRING, middle)
    if (suffix > 0) this.emit(STRING_APPEND_SLICE, leftBytes - utf8Length(left.slice(left.length - suffix)), leftBytes)
  }

  private emit(...op: unknown[]) {
    this.spend()
    this.ops.push(...op)
  }
}

/** Arrays matched by key must share one; others are edited whenever both have elements. */
function sharesAKey(left: Json[], right: Json[]) {
  const keys = keyIndex(left)
  return !keys || !keyIndex(right) || right.some((element) => keys.has((element as JsonObject)._key as string))
}

/** Indexes of elements by `_key`, when every element is an object with its own key. */
function keyIndex(array: Json[]): Map<string, number> | null {
  const index = new Map<string, number>()
  for (const [i, element] of array.entries()) {
    const key = isObject(element) ? element._key : undefined
    if (typeof key !== 'string' || index.has(key)) return null
    index.set(key, i)
  }
  return index
}

/**
 * The common start and end (UTF-16 lengths) that a string edit copies, never splitting a
 * surrogate pair. Only these two slices are used: mendoza-js 3.0.8's plain `applyPatch` (Studio's
 * document listener and timeline) misplaces the end of a slice that starts after a non-ASCII
 * character and stops before the end of the string.
 */
function stringReuse(left: string, right: string) {
  const most = Math.min(left.length, right.length)
  let prefix = 0
  while (prefix < most && left.charCodeAt(prefix) === right.charCodeAt(prefix)) prefix++
  if (splitsAPair(left, prefix)) prefix--
  let suffix = 0
  while (suffix < most - prefix && left.charCodeAt(left.length - 1 - suffix) === right.charCodeAt(right.length - 1 - suffix)) suffix++
  if (splitsAPair(left, left.length - suffix)) suffix--
  return {prefix, suffix, reused: prefix + suffix}
}

/** The patch that turns `left` into `right` (either may be null: no document). */
export function mendozaPatch(left: unknown, right: unknown): MendozaPatch {
  const [from, to] = [(left ?? null) as Json, (right ?? null) as Json]
  if (!isObject(from) || !isObject(to)) return [VALUE, to]
  const encoder = new Encoder()
  try {
    encoder.editObject(from, to, 0)
    return encoder.ops
  } catch (error) {
    if (error instanceof OverBudget) return [VALUE, to]
    throw error
  }
}

/** A document without its revision (a non-object, such as null for no document, as it is). */
function withoutRev(document: unknown): unknown {
  if (!isObject(document)) return document
  const {_rev, ...rest} = document
  return rest
}

/**
 * A document change as Sanity's `effectFormat=mendoza` gives it: a patch each way, between the
 * documents without `_rev`. Studio applies effects to a document stripped of its `_rev` (its
 * `applyMendozaPatch` and `calculateDiff`) and sets the new revision itself, so field indexes
 * counted with `_rev` among the keys would point at the wrong fields.
 */
export function mendozaEffects(before: unknown, after: unknown): {apply: MendozaPatch; revert: MendozaPatch} {
  const [from, to] = [withoutRev(before), withoutRev(after)]
  return {apply: mendozaPatch(from, to), revert: mendozaPatch(to, from)}
}
