import {type ExprNode, evaluateSync, toJS} from 'groq-js'
import type {QueryView} from '../perspective'
import {ID_SOURCE, type TermPattern, type TextSource} from '../store/term-index'
import {EMPTY, mapValues, merge, positionOf, type Sparse} from '../store/sparse'
import type {SanityDocument} from '../types'
import {attributePath} from './conditions'
import {canonical, matchTerms} from './match-tokens'
import {documentText, isDocumentText} from './text-query'

/**
 * `match` and its `score()` as groq-js 2.0.1 computes them, answered from the term index
 * (store/term-index.ts) instead of by tokenizing every document: the same documents, and the
 * same scores to the last bit, since the frequencies are the same integers and the sums are
 * made in groq-js's order. Anything this cannot read exactly is left to groq-js (undefined).
 */

type Node = ExprNode

const DOCUMENT_SOURCE: TextSource = {key: '\u0000document', strings: (docs) => docs.map(documentText)}

/** A field (or `pt::text()` of one) as groq-js reads it for `match`: a string, or, at the top, an array's strings. */
function valueSource(node: Node, element: boolean): TextSource {
  return {
    key: JSON.stringify([node, element]),
    strings: (docs) => {
      const values = toJS(evaluateSync({type: 'Map', base: {type: 'Value', value: docs}, expr: node} as Node)) as unknown[]
      return values.map((value) => {
        if (typeof value === 'string') return [value]
        // An array's strings count at the top (`tags match …`), not as an element of another (`[tags, title]`).
        return !element && Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
      })
    },
  }
}

/** Whether a node reads only its document's own fields, the same in every view. */
function readsFields(node: Node): boolean {
  const path = attributePath(node)
  if (path) return path[0] !== '_id' && path[0] !== '_originalId'
  return node.type === 'FuncCall' && node.namespace === 'pt' && node.name === 'text' && node.args.length === 1 && readsFields(node.args[0]!)
}

function source(node: Node, element: boolean): TextSource | undefined {
  const path = attributePath(node)
  if (path?.length === 1 && path[0] === '_id') return ID_SOURCE
  if (readsFields(node)) return valueSource(node, element)
  return undefined
}

/** The sources of the text `<left> match …` reads, when the term index can give each; undefined otherwise. */
export function textSources(left: Node): TextSource[] | undefined {
  if (isDocumentText(left)) return [DOCUMENT_SOURCE]
  if (left.type !== 'Array') {
    const found = source(left, false)
    return found && [found]
  }
  const sources: TextSource[] = []
  for (const {value, isSplat} of left.elements) {
    const found = isSplat ? (isDocumentText(value) ? DOCUMENT_SOURCE : undefined) : source(value, true)
    if (!found) return undefined
    sources.push(found)
  }
  return sources
}

/** A term as groq-js makes it a regular expression, and what the words it matches start with. */
function termPattern(term: string): TermPattern {
  return {regex: new RegExp(`^${term.replace(/\*/g, '.*')}$`, 'i'), prefix: canonical(term.split(/[*.]/, 1)[0]!)}
}

/** The terms of `match`'s right side; null when it is not text (then nothing matches or scores). */
export function patternTerms(pattern: Node): TermPattern[] | null | undefined {
  if (pattern.type !== 'Value') return undefined
  const {value} = pattern
  const strings = typeof value === 'string' ? [value] : Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : null
  return strings?.flatMap(matchTerms).map(termPattern) ?? null
}

/** `left match right` as the index reads it: its sources and terms, or undefined when groq-js must evaluate it. */
export function indexedMatch(node: Node): {sources: TextSource[]; terms: TermPattern[]} | undefined {
  if (node.type !== 'OpCall' || node.op !== 'match') return undefined
  const sources = textSources(node.left)
  const terms = patternTerms(node.right)
  if (!sources || terms === undefined) return undefined
  return {sources, terms: terms ?? []}
}

/** Per term, the visible documents' counts of matching words; undefined while an index is built. */
export function wordFrequencies(view: QueryView, {sources, terms}: {sources: TextSource[]; terms: TermPattern[]}): Sparse[] | undefined {
  const counted: Sparse[] = []
  for (const term of terms) {
    const counts = view.wordCounts(sources, term)
    if (!counts) return undefined
    counted.push(counts)
  }
  return counted
}

/** Some of a view's documents: their ordinals, ascending. */
export class DocumentSet {
  constructor(
    private readonly view: QueryView,
    /** Their ordinals, ascending. */
    readonly ordinals: Int32Array,
  ) {}

  get size(): number {
    return this.ordinals.length
  }

  has(doc: SanityDocument): boolean {
    const at = this.view.ordinal(doc)
    return at >= 0 && positionOf(this.ordinals, at) !== -1
  }

  /** The documents, in `_id` order. */
  *keys(): Generator<SanityDocument> {
    const documents = this.view.documents()
    for (const at of this.ordinals) yield documents[at]!
  }
}

/** The documents for which `match` is true, from its terms' counts: every term matches one of their words. */
export function matchingDocuments(view: QueryView, counted: readonly Sparse[]): DocumentSet {
  if (counted.length === 0) return new DocumentSet(view, new Int32Array(0))
  const both = counted.reduce(
    (all, counts) => merge(all, counts, (x, y) => (x !== 0 && y !== 0 ? 1 : 0)),
    mapValues(counted[0]!, () => 1),
  )
  return new DocumentSet(view, both.at)
}

// groq-js's BM25-like saturation of a term's frequency.
const saturated = (freq: number) => (freq * 2.2) / (freq + 1.2)

/** The documents `match` scores other than 0 in `score()`, with their scores, from its terms' counts. */
export function matchScores(counted: readonly Sparse[]): Sparse {
  if (counted.length === 0) return EMPTY
  // Term by term, as groq-js adds them from 0 (a term a document lacks adds 0).
  return counted.slice(1).reduce(
    (scores, counts) => merge(scores, counts, (score, freq) => score + saturated(freq)),
    mapValues(counted[0]!, (freq) => 0 + saturated(freq)),
  )
}
