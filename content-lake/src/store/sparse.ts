/**
 * A number per document of a query view for the few documents where it is not 0: their ordinals (see
 * `QueryView.ordinal`) in ascending order, and the numbers. Text search adds up word counts and
 * scores this way, at a cost in the documents that hold the words rather than in the dataset.
 */
export interface Sparse {
  readonly at: Int32Array
  readonly values: Float64Array
}

export const EMPTY: Sparse = {at: new Int32Array(0), values: new Float64Array(0)}

/**
 * Collects values added by ordinal in any order (the term index's postings come in slot order),
 * on a dense scratch array that is reused: the cost is in what is added, not in the view's size.
 */
export class SparseBuilder {
  private readonly scratch: Float64Array
  private readonly touched: Int32Array
  private count = 0

  constructor(size: number) {
    this.scratch = new Float64Array(size)
    this.touched = new Int32Array(size)
  }

  add(ordinal: number, value: number): void {
    if (this.scratch[ordinal] === 0) this.touched[this.count++] = ordinal
    this.scratch[ordinal]! += value
  }

  /** The values collected, and the scratch array emptied for the next use. */
  build(): Sparse {
    const at = this.touched.slice(0, this.count).sort()
    const values = new Float64Array(at.length)
    for (let i = 0; i < at.length; i++) {
      values[i] = this.scratch[at[i]!]!
      this.scratch[at[i]!] = 0
    }
    this.count = 0
    return {at, values}
  }
}

/** `a` and `b` merged ordinal by ordinal (an absent value is 0); results of 0 are dropped. */
export function merge(a: Sparse, b: Sparse, combine: (x: number, y: number) => number): Sparse {
  const at = new Int32Array(a.at.length + b.at.length)
  const values = new Float64Array(at.length)
  let n = 0
  let i = 0
  let j = 0
  while (i < a.at.length || j < b.at.length) {
    const x = i < a.at.length ? a.at[i]! : Number.POSITIVE_INFINITY
    const y = j < b.at.length ? b.at[j]! : Number.POSITIVE_INFINITY
    const ordinal = Math.min(x, y)
    const value = combine(x === ordinal ? a.values[i++]! : 0, y === ordinal ? b.values[j++]! : 0)
    if (value !== 0) {
      at[n] = ordinal
      values[n++] = value
    }
  }
  return {at: at.subarray(0, n), values: values.subarray(0, n)}
}

/** Each value mapped; results of 0 are dropped. */
export function mapValues(a: Sparse, map: (value: number, ordinal: number) => number): Sparse {
  const at = new Int32Array(a.at.length)
  const values = new Float64Array(at.length)
  let n = 0
  for (let i = 0; i < a.at.length; i++) {
    const value = map(a.values[i]!, a.at[i]!)
    if (value !== 0) {
      at[n] = a.at[i]!
      values[n++] = value
    }
  }
  return {at: at.subarray(0, n), values: values.subarray(0, n)}
}

/** Where an ordinal is in ascending ordinals, or -1. */
export function positionOf(ordinals: Int32Array, ordinal: number): number {
  let low = 0
  let high = ordinals.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (ordinals[middle]! < ordinal) low = middle + 1
    else high = middle
  }
  return ordinals[low] === ordinal ? low : -1
}

/** The value for one ordinal (0 when absent). */
export function valueAtOrdinal(a: Sparse, ordinal: number): number {
  const position = positionOf(a.at, ordinal)
  return position === -1 ? 0 : a.values[position]!
}
