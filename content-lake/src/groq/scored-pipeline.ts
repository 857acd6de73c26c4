import type {ExprNode} from 'groq-js'
import {compareValues, valueAt} from '../store/sorted-index'
import type {SanityDocument} from '../types'
import {attributePath, conjuncts, isAttribute} from './conditions'
import {exactly, matched, matchFrequencies, smallest} from './exact'
import {EMPTY, mapValues, merge, type Sparse, valueAtOrdinal} from '../store/sparse'
import {matchScores} from './indexed-text'
import type {PlanRuntime} from './plan-runtime'

/**
 * `*[filter] | score(…) … | order(…)[a...b]` answered from the indexes (decision 0243): each
 * document's score is added up from the term index's word counts the way groq-js adds it, the
 * documents are ranked as groq-js's `score()` and `order()` rank them, and only positions a to
 * b go on to groq-js, which projects them. A search for a word most documents hold then costs
 * the postings of that word, not the tokenizing of every document.
 *
 * Anything not read exactly (a score argument no index answers, an ordering by a projected
 * field) leaves the pipeline to the rest of the planner and groq-js.
 */

type Node = ExprNode
type Filter = Extract<Node, {type: 'Filter'}>
type PipeFuncCall = Extract<Node, {type: 'PipeFuncCall'}>

/** A score() argument: the documents it scores other than 0 (by `ordinal`), or a test of one document (1 or 0). */
type Scorer = {scores: Sparse} | Truth

/** A condition as an index tells it: a test of one document, and the documents it may hold for, when an index lists them. */
interface Truth {
  test: (doc: SanityDocument) => boolean
  /** Lists of ordinals, ascending, that together hold every document it holds for; they may overlap. `certain`: it holds for all of that list. */
  listed?: () => {ordinals: Int32Array; certain: boolean}[]
}

/** Whether a condition holds, from the indexes: `match` and its negation, what `exactly` tells, and `&&`, `||` and brackets of them. */
function holds(node: Node, runtime: PlanRuntime): Truth | undefined {
  if (node.type === 'Group') return holds(node.base, runtime)
  const found = matched(node, runtime)
  if (found !== null) return found && {test: (doc) => found.has(doc), listed: () => [{ordinals: found.ordinals, certain: true}]}
  // `-word` in a search: `match` is always true or false, so its negation is too.
  const unmatched = node.type === 'Not' ? matched(node.base, runtime) : null
  if (unmatched !== null) return unmatched && {test: (doc) => !unmatched.has(doc)}
  if (node.type === 'And' || node.type === 'Or') {
    const [left, right] = [holds(node.left, runtime), holds(node.right, runtime)]
    if (!left || !right) return undefined
    if (node.type === 'And') {
      const listed = left.listed ?? right.listed
      return {test: (doc) => left.test(doc) && right.test(doc), listed: listed && (() => listed().map(({ordinals}) => ({ordinals, certain: false})))}
    }
    const [a, b] = [left.listed, right.listed]
    // What is certain for one side is for `||`.
    return {test: (doc) => left.test(doc) || right.test(doc), listed: a && b && (() => [...a(), ...b()])}
  }
  const {test, documents, superset} = exactly(node, undefined, [], runtime)
  if (!test) return undefined
  const listed = documents && (() => [{ordinals: Int32Array.from(documents(runtime.view), (doc) => runtime.view.ordinal(doc)), certain: !superset}])
  return {test: (doc) => test(doc, []), listed}
}

/** A scorer as scores: a test scores 1 where it holds, when an index lists where it may. */
function asScores(scorer: Scorer | undefined, runtime: PlanRuntime): Sparse | undefined {
  if (!scorer || 'scores' in scorer) return scorer?.scores
  const {test, listed} = scorer
  if (!listed) return undefined
  const documents = runtime.view.documents()
  let ones = EMPTY
  for (const {ordinals, certain} of listed()) {
    const holding = certain ? ordinals : ordinals.filter((at) => test(documents[at]!))
    ones = merge(ones, {at: holding, values: new Float64Array(holding.length).fill(1)}, () => 1)
  }
  return ones
}

/** An argument of `score()` as groq-js scores it: `match`, `boost()`, `&&` and `||` add up; anything else (brackets too) is 1 when true. */
function scorer(node: Node, runtime: PlanRuntime): Scorer | undefined {
  const counted = matchFrequencies(node, runtime)
  if (counted !== null) return counted && {scores: matchScores(counted)}
  if (node.type === 'FuncCall' && node.name === 'boost' && node.args.length === 2) {
    const [inner, boost] = node.args as [Node, Node]
    const scores = asScores(scorer(inner, runtime), runtime)
    if (!scores || boost.type !== 'Value') return undefined
    // groq-js boosts only a positive score, and only by a number.
    const by = boost.value
    return {scores: mapValues(scores, (score) => (typeof by === 'number' && score > 0 ? score + by : 0))}
  }
  if (node.type === 'Or' || node.type === 'And') {
    const [left, right] = [scorer(node.left, runtime), scorer(node.right, runtime)]
    const documents = runtime.view.documents()
    if (node.type === 'And' && left && right && 'scores' in left !== 'scores' in right) {
      // A test beside scores scores 1 where it holds: only the scored documents need it.
      const [scores, test] = 'scores' in left ? [left.scores, (right as Truth).test] : [(right as {scores: Sparse}).scores, left.test]
      const testFirst = !('scores' in left)
      return {scores: mapValues(scores, (score, at) => (test(documents[at]!) ? (testFirst ? 1 + score : score + 1) : 0))}
    }
    const [a, b] = [asScores(left, runtime), asScores(right, runtime)]
    if (!a || !b) return undefined
    // groq-js: Or adds both; And adds both only when neither is 0.
    return {scores: merge(a, b, (x, y) => (node.type === 'Or' || (x !== 0 && y !== 0) ? x + y : 0))}
  }
  return holds(node, runtime)
}

/** A document with its score and its place in `*` (its ordinal: `_id` order, which breaks ties). */
interface Scored {
  doc: SanityDocument
  score: number
  at: number
}

/** Documents with their scores, as columns: ordinals and scores (tens of thousands for a common word). */
interface ScoredColumns {
  at: Int32Array
  score: Float64Array
}

/**
 * The documents `*[filter] | score(args)` gives, unranked, with their scores: only those
 * scoring above 0 when `positive`. Undefined when an index cannot tell the filter or a score.
 */
function scoredDocuments(score: PipeFuncCall, positive: boolean, runtime: PlanRuntime): ScoredColumns | undefined {
  const filter = score.base
  if (filter.type !== 'Filter' || filter.base.type !== 'Everything') return undefined
  // score() starts from a document's own `_score`: the indexes know no such field's value.
  if (runtime.view.holdsScoreField()) return undefined
  // Both asked before either is checked: the first search starts the build of every field it reads.
  const exact = conjuncts(filter.expr).map((conjunct) => exactly(conjunct, undefined, [], runtime))
  const args = score.args.map((arg) => asScores(scorer(arg, runtime), runtime))
  const tests = exact.map(({test}) => test!)
  if (!exact.every(({test}) => test) || !args.every((scores) => scores !== undefined)) return undefined
  // Each document's score, added argument by argument as groq-js adds them (from 0).
  const totals = (args as Sparse[]).reduce((sum, scores) => merge(sum, scores, (x, y) => x + y), EMPTY)
  runtime.stats.plans.push('scored')
  const {view} = runtime
  const documents = view.documents()
  const capacity = positive ? totals.at.length : documents.length
  const scored: ScoredColumns = {at: new Int32Array(capacity), score: new Float64Array(capacity)}
  let kept = 0
  const keep = (at: number, total: number) => {
    const doc = documents[at]!
    for (const test of tests) if (!test(doc, [])) return
    scored.at[kept] = at
    scored.score[kept++] = total
  }
  if (positive) {
    for (let i = 0; i < totals.at.length; i++) if (totals.values[i]! > 0) keep(totals.at[i]!, totals.values[i]!)
    runtime.stats.examined += totals.at.length
  } else {
    const listed = exact.flatMap(({documents: list, superset}) => (list && !superset ? [list(view)] : []))
    const shortest = smallest(listed)
    for (const doc of shortest ?? documents) {
      const at = view.ordinal(doc)
      keep(at, valueAtOrdinal(totals, at))
    }
    runtime.stats.examined += (shortest ?? documents).length
  }
  return {at: scored.at.subarray(0, kept), score: scored.score.subarray(0, kept)}
}

/** `order()`'s keys read on each ranked document: `_score` or a field's value; undefined for any other key. */
type Key = {descending: boolean; isScore: boolean; read: (entry: Scored) => unknown}

function orderKeys(args: readonly Node[], projected: Node | undefined): Key[] | undefined {
  const keys: Key[] = []
  for (const arg of args) {
    const descending = arg.type === 'Desc'
    const path = attributePath(arg.type === 'Asc' || arg.type === 'Desc' ? arg.base : arg)
    if (!path) return undefined
    if (projected) {
      // After a projection a key reads the projected object: a field it does not make is null everywhere and decides nothing.
      if (projected.type !== 'Object' || projected.attributes.some((attribute) => attribute.type !== 'ObjectAttributeValue' || attribute.name === path[0]))
        return undefined
      continue
    }
    const isScore = path.length === 1 && path[0] === '_score'
    keys.push({descending, isScore, read: isScore ? (entry) => entry.score : (entry) => valueAt(entry.doc, path)})
  }
  return keys
}

/** Ranks as `score()` then `order(keys)` do: the keys, then the score (highest first), then `*`'s order (`_id`). */
function ranking(keys: readonly Key[]): (a: Scored, b: Scored) => number {
  return (a, b) => {
    for (const {descending, read} of keys) {
      const order = compareValues(read(a), read(b))
      if (order !== 0) return descending ? -order : order
    }
    return b.score - a.score || a.at - b.at
  }
}

/** The k-th largest of the values (1 is the largest), in linear time on average; the array is reordered. */
function kthLargest(values: Float64Array, k: number): number {
  let low = 0
  let high = values.length - 1
  const wanted = values.length - k
  while (low < high) {
    const pivot = values[(low + high) >>> 1]!
    let i = low
    let j = high
    while (i <= j) {
      while (values[i]! < pivot) i++
      while (values[j]! > pivot) j--
      if (i <= j) {
        const swap = values[i]!
        values[i++] = values[j]!
        values[j--] = swap
      }
    }
    if (wanted <= j) high = j
    else if (wanted >= i) low = i
    else return values[wanted]!
  }
  return values[wanted]!
}

/** Positions `[from, to)` of the ranking, sorting no more than needed when the score ranks first. */
function window({at, score}: ScoredColumns, keys: readonly Key[], from: number, to: number, documents: readonly SanityDocument[]): Scored[] {
  if (to <= from) return []
  const compare = ranking(keys)
  const entries = (keep: (score: number) => boolean): Scored[] => {
    const kept: Scored[] = []
    for (let i = 0; i < at.length; i++) if (keep(score[i]!)) kept.push({doc: documents[at[i]!]!, score: score[i]!, at: at[i]!})
    return kept
  }
  const byScoreFirst = keys.length === 0 || (keys[0]!.isScore && keys[0]!.descending)
  if (!byScoreFirst || to >= at.length / 4)
    return entries(() => true)
      .sort(compare)
      .slice(from, to)
  // Only documents scoring at least the to-th highest score can be ranked before `to`.
  const least = kthLargest(score.slice(), to)
  const above = entries((value) => value > least).sort(compare)
  let tied = entries((value) => value === least)
  // Ties on the score alone keep `*`'s order, which they are already in.
  if (keys.length > 1) tied = tied.sort(compare)
  return [...above, ...tied.slice(0, to - above.length)].slice(from, to)
}

function isPositiveFilter(node: Node): node is Filter & {base: PipeFuncCall} {
  if (node.type !== 'Filter' || node.base.type !== 'PipeFuncCall' || node.base.name !== 'score') return false
  const {expr} = node
  return expr.type === 'OpCall' && expr.op === '>' && isAttribute(expr.left, '_score') && expr.right.type === 'Value' && expr.right.value === 0
}

/**
 * `<scored> | order(…)[from...to]`, where `<scored>` is `*[filter] | score(…)`, optionally
 * `[_score > 0]` and a projection: the ranked documents at those positions, projected by
 * groq-js. Undefined when the indexes cannot tell it exactly.
 */
export function scoredWindow(order: PipeFuncCall, [from, to]: [number, number], runtime: PlanRuntime, visit: (node: Node) => Node): Node | undefined {
  let base = order.base
  // `…{a, b}` after a list is a map of a projection of each element.
  const map = base.type === 'Map' && base.expr.type === 'Projection' && base.expr.base.type === 'This' ? base : undefined
  if (map) base = map.base
  const positive = isPositiveFilter(base)
  const score = positive ? (base as Filter & {base: PipeFuncCall}).base : base
  if (score.type !== 'PipeFuncCall' || score.name !== 'score') return undefined
  const keys = orderKeys(order.args, map && (map.expr as Extract<Node, {type: 'Projection'}>).expr)
  const scored = keys && scoredDocuments(score, positive, runtime)
  if (!scored) return undefined
  const ranked: Node = {type: 'Value', value: window(scored, keys!, from, to, runtime.view.documents()).map(({doc, score}) => ({...doc, _score: score}))}
  return map ? ({...map, base: ranked, expr: visit(map.expr)} as Node) : ranked
}
