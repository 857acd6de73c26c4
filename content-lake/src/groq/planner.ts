import {withChildren} from './tree-children'
import type {ExprNode} from 'groq-js'
import type {QueryView} from '../perspective'
import {valueAt} from '../store/sorted-index'
import type {SanityDocument} from '../types'
import {attributePath, conjuncts, detached, isAttribute, isConstantQuery, joinTarget, rangeOf, slotOf, wordsNeeded} from './conditions'
import {comparedValues, type Exact, exactly, sameValue, smallest, typeConjunct, union} from './exact'
import {scoredWindow} from './scored-pipeline'
import {orderedScan, type OrderedScan} from './ordered-scan'
import type {PlanRuntime} from './plan-runtime'

/**
 * Index-aware rewriting of a parsed GROQ query (groq-js 2.0.1's syntax tree, which is not a
 * public API: the version is pinned). groq-js evaluates `*[filter]` by scanning every
 * document; here the `*` of a filter is swapped for a smaller candidate list whenever its
 * conditions allow it. The filter itself still runs on the candidates, so candidates only need
 * to be a superset, in the same `_id` order as `*`.
 *
 * - `_id == "x"`, `_id in [...]`: the documents with those ids.
 * - `_type == "t"`, `_type in [...]`: the documents of those types; with `_type == "t"`, also
 *   `a.b == <literal>`: the documents of that type with that value (an index built on first use).
 * - `references(^.x)`, `a._ref == ^.x` (a join to the enclosing document): the documents that
 *   reference it, found at run time, since the id is only known per enclosing document.
 * - `match` (and `text::query()`, rewritten into it): the documents whose words may match,
 *   from the text index (store/text-index.ts).
 * - `*[…] | order(f, _id)[a...b]` and `[n]`: walks the type's index sorted by `f` from where
 *   the filter's range on `f` starts (`f < ^.f` seeks), stopping at the b-th match.
 * - `count(*[…])` whose every condition the indexes answer exactly: counted without groq-js.
 * - `*[…] | score(…)[_score > 0]`: only the documents that can score.
 * - `references(*[…]._id)` and other sub-queries reading no enclosing scope: evaluated once.
 * - `f == ^.f` within a type: the value index for `f`, looked up at run time.
 * - `*[…]` whose every condition an index tells exactly, reading no enclosing scope: filtered here.
 *
 * Lookups that depend on the enclosing document or are costly run at evaluation time (see
 * plan-runtime.ts), and only if groq-js reaches them.
 */

type Node = ExprNode

const EVERYTHING: Node = {type: 'Everything'}

function both<T>(a: T | undefined, b: T | undefined, merge: (a: T, b: T) => T): T | undefined {
  return a !== undefined && b !== undefined ? merge(a, b) : undefined
}

/** A filter's conditions as the planner sees them. */
interface Analysis {
  all: Node[]
  type: string | undefined
  /** Expressions from the enclosing document the lookups need (see `detached`). */
  slots: Node[]
  exact: Exact[]
  /** The shortest candidate list an index gives before evaluation, and the conjuncts it satisfies by construction. */
  listed: {documents: readonly SanityDocument[]; covers: number[]} | undefined
  /** Slots holding ids the documents must reference (may: a superset). */
  joins: number[]
  /** Within the type, a field that must equal the enclosing document's (`publishedAt == ^.publishedAt`): its value index. */
  sameValues: {path: string[]; slot: number}[]
  /** From `match`: per conjunct, lists of word prefixes, any of which a document must all hold. */
  words: string[][][]
}

function analyse(expr: Node, runtime: PlanRuntime): Analysis {
  const {view} = runtime
  const all = conjuncts(expr)
  const typeAt = typeConjunct(all)
  const type = typeAt === -1 ? undefined : (comparedValues(all[typeAt]!, '==')!.values[0] as string)
  const slots: Node[] = []
  const exact = all.map((conjunct) => exactly(conjunct, type, slots, runtime))
  let listed: Analysis['listed']
  exact.forEach(({documents, withinType, superset}, index) => {
    const found = documents?.(view)
    if (found && (!listed || found.length < listed.documents.length))
      listed = {documents: found, covers: superset ? [] : withinType ? [index, typeAt] : [index]}
  })
  const joins: number[] = []
  const sameValues: Analysis['sameValues'] = []
  const words: string[][][] = []
  for (const conjunct of all) {
    const target = joinTarget(conjunct)
    if (target) joins.push(slotOf(target, slots))
    const same = type === undefined || target ? undefined : sameValue(conjunct, slots)
    if (same) sameValues.push(same)
    const needed = wordsNeeded(conjunct, true)
    if (needed) words.push(needed)
  }
  return {all, type, slots, exact, listed, joins, sameValues, words}
}

/** The candidate lists the value and reference indexes give for these slot values; the shortest is the best. */
function indexedLists(analysis: Analysis, runtime: PlanRuntime, slots: readonly string[]): (readonly SanityDocument[])[] {
  const lists: (readonly SanityDocument[])[] = analysis.listed ? [analysis.listed.documents] : []
  for (const slot of analysis.joins) lists.push(runtime.view.referencing(slots[slot]!))
  // Slot values are strings: the value index then lists exactly the documents with that string.
  for (const {path, slot} of analysis.sameValues) {
    runtime.stats.plans.push('same value')
    lists.push(runtime.view.ofTypeWithValue(analysis.type!, path, slots[slot]!))
  }
  return lists
}

/** The documents that may hold the words of each `match` conjunct, when no more than `atMost` may. */
function wordLists(analysis: Analysis, runtime: PlanRuntime, atMost: number): (readonly SanityDocument[])[] {
  const lists: (readonly SanityDocument[])[] = []
  for (const alternatives of analysis.words) {
    const found = alternatives.map((prefixes) => runtime.view.withWords(prefixes, analysis.type, atMost))
    if (found.every((list) => list !== undefined)) lists.push(union(found))
  }
  if (lists.length > 0) runtime.stats.plans.push('words')
  return lists
}

// Few enough for groq-js to filter whole rather than scan: a text search's candidates beyond this scan.
const FEW_WORD_MATCHES = 2_000

/** The base for a filter of `*`, or undefined when nothing narrows it. */
function candidatesBase(analysis: Analysis, runtime: PlanRuntime): Node | undefined {
  const {listed, joins, sameValues, words, slots} = analysis
  // A lookup by id beats everything; a join usually beats a whole type.
  if (listed && (listed.documents.length <= 1 || (joins.length === 0 && sameValues.length === 0 && words.length === 0)))
    return {type: 'Value', value: listed.documents}
  const fallback: Node = listed ? {type: 'Value', value: listed.documents} : EVERYTHING
  if (words.length === 0 && sameValues.length === 0 && joins.length === 1 && slots.length === 1) return runtime.referencing(slots[0]!, fallback)
  if (words.length === 0 && joins.length === 0 && sameValues.length === 0) return undefined
  return runtime.lookup(
    (values, current) => {
      const indexed = smallest(indexedLists(analysis, current, values))
      const atMost = Math.min(FEW_WORD_MATCHES, indexed?.length ?? FEW_WORD_MATCHES)
      return smallest([...(indexed ? [indexed] : []), ...wordLists(analysis, current, atMost)]) ?? null
    },
    slots,
    fallback,
  )
}

/**
 * `*[filter]` whose every condition the indexes tell exactly and that reads nothing from an
 * enclosing document (`*[_type == "post" && defined(slug.current)]`): the matches, filtered
 * here rather than by groq-js, which is several times slower at it.
 */
function filteredExactly(analysis: Analysis, runtime: PlanRuntime): Node | undefined {
  const {exact, listed, slots} = analysis
  if (!listed || slots.length > 0 || exact.some(({test}) => !test)) return undefined
  const tests = exact.filter((_, index) => !listed.covers.includes(index)).map(({test}) => test!)
  // One document by id is no plan worth naming.
  if (listed.documents.length > 1) {
    runtime.stats.plans.push('filtered')
    runtime.stats.examined += listed.documents.length
  }
  return {type: 'Value', value: tests.length === 0 ? listed.documents : listed.documents.filter((doc) => tests.every((test) => test(doc, [])))}
}

// Small enough to filter and sort whole: groq-js is quick on a few hundred documents.
const SMALL_LIST = 64

/** `order(f asc|desc)` or `order(f …, _id …)`: the field's path and the directions, when an index can give that order. */
function sortSpec(args: readonly Node[]): Pick<OrderedScan, 'path' | 'descending' | 'tiesDescending'> | undefined {
  const key = (node: Node) => ({descending: node.type === 'Desc', path: attributePath(node.type === 'Asc' || node.type === 'Desc' ? node.base : node)})
  const [first, second] = args.map(key)
  // `_id` and `_originalId` are not the same in every view (drafts show under the published id).
  if (!first?.path || first.path[0] === '_id' || first.path[0] === '_originalId') return undefined
  // Equal values keep `_id` order, which a second key on `_id` sets; further keys then never decide.
  if (second && second.path?.join('.') !== '_id') return undefined
  return {path: first.path, descending: first.descending, tiesDescending: second?.descending ?? false}
}

/** The positions `[from, to)` of `*[…] | order(…)` a slice or element reads, or undefined. */
function window(node: Node): [from: number, to: number] | undefined {
  if (node.type === 'AccessElement') return Number.isInteger(node.index) && node.index >= 0 ? [node.index, node.index + 1] : undefined
  if (node.type === 'Slice') {
    const {left, right, isInclusive} = node
    return Number.isInteger(left) && Number.isInteger(right) && left >= 0 && right >= 0 ? [left, Math.max(left, right + (isInclusive ? 1 : 0))] : undefined
  }
  return undefined
}

/**
 * `*[filter] | order(…)[a...b]` answered by walking the sorted index: the matches come in the
 * query's order, so positions a to b are the answer. A lookup answering null leaves the
 * pipeline to groq-js on `fallback` candidates: when an index lists few enough documents, or a
 * rare word does.
 */
function orderedWindow(
  filter: Extract<Node, {type: 'Filter'}>,
  args: readonly Node[],
  [from, to]: [number, number],
  fallback: (base: Node) => Node,
  runtime: PlanRuntime,
): Node | undefined {
  const spec = sortSpec(args)
  const analysis = analyse(filter.expr, runtime)
  const {type, slots} = analysis
  if (!spec || type === undefined) return undefined
  const evaluable = detached(filter.expr, slots)
  if (!evaluable) return undefined
  const range = {all: analysis.all.map((conjunct) => rangeOf(conjunct, spec.path, slots))}
  const candidates = fallback(candidatesBase(analysis, runtime) ?? EVERYTHING)
  const few = Math.min(4 * to + SMALL_LIST, runtime.view.ofType(type).length / 2)
  // When the indexes tell every condition, the walk tests documents itself instead of asking groq-js.
  const tests = analysis.exact.every(({test}) => test) ? analysis.exact.map(({test}) => test!) : undefined
  const test = tests && ((doc: SanityDocument, values: readonly string[]) => tests.every((one) => one(doc, values)))
  return runtime.lookup(
    (values, current) => {
      const scan = (keep: readonly SanityDocument[] | undefined, budget?: number) => {
        const kept = keep && keep !== current.view.ofType(type) ? new Set(keep) : undefined
        return orderedScan({...spec, type, range, limit: to, keep: kept, filter: evaluable, test}, current, values, budget)?.slice(from)
      }
      const indexed = smallest(indexedLists(analysis, current, values))
      if (indexed && indexed.length <= few) {
        current.stats.plans.push('candidates')
        return null
      }
      current.stats.plans.push('ordered')
      // Most searches match often enough that walking the order finds them soonest; a rare
      // word is then looked up in the text index, and its few documents filtered whole.
      if (analysis.words.length === 0) return scan(indexed)!
      const found = scan(indexed, few)
      if (found) return found
      const words = smallest(wordLists(analysis, current, FEW_WORD_MATCHES))
      if (words && (!indexed || words.length < indexed.length)) {
        current.stats.plans.push('candidates')
        return null
      }
      return scan(indexed)!
    },
    slots,
    candidates,
  )
}

/**
 * `count(*[filter])` answered from the indexes when they tell every condition exactly; counting
 * stops at `cap` (`count(…) > 0` needs to know only whether there is one).
 */
function countLookup(filter: Extract<Node, {type: 'Filter'}>, fallback: Node, runtime: PlanRuntime, cap = Number.POSITIVE_INFINITY): Node | undefined {
  const analysis = analyse(filter.expr, runtime)
  const {exact, listed, joins, slots} = analysis
  if (exact.some(({test}) => !test) || (!listed && joins.length === 0)) return undefined
  return runtime.lookup(
    (values, current) => {
      const joined = joins.map((slot) => current.view.referencing(values[slot]!))
      const list = smallest([...(listed ? [listed.documents] : []), ...joined])!
      // The list from an index already satisfies the conditions that index answers.
      const tests = exact.filter((_, index) => list !== listed?.documents || !listed.covers.includes(index)).map(({test}) => test!)
      current.stats.plans.push('count')
      if (tests.length === 0) return Math.min(list.length, cap)
      let counted = 0
      for (const doc of list) {
        current.stats.examined++
        if (tests.every((test) => test(doc, values)) && ++counted >= cap) break
      }
      return counted
    },
    slots,
    fallback,
  )
}

// Past this many documents holding a searched word, scoring everything is as quick.
const FEW_SCORING = 5_000

type Scoring = (view: QueryView) => readonly SanityDocument[] | undefined

/** The documents that may score above 0 in `score(…)`, by the scoring rules of groq-js (a match scores when any term matches). */
function scoring(node: Node, runtime: PlanRuntime): Scoring | undefined {
  if (node.type === 'Group') return scoring(node.base, runtime)
  if (node.type === 'FuncCall' && node.name === 'boost' && node.args.length === 2) return scoring(node.args[0]!, runtime)
  if (node.type === 'Or' || node.type === 'And') {
    const left = scoring(node.left, runtime)
    const right = scoring(node.right, runtime)
    // Or adds both scores; And scores only when both sides do.
    if (node.type === 'Or') return left && right && ((view) => both(left(view), right(view), (a, b) => union([a, b])))
    if (!left || !right) return left ?? right
    return (view) => {
      const [a, b] = [left(view), right(view)]
      return a && b ? smallest([a, b]) : (a ?? b)
    }
  }
  const words = wordsNeeded(node, false)
  if (words) {
    return (view) => {
      runtime.stats.plans.push('words')
      const found = words.map((prefixes) => view.withWords(prefixes, undefined, FEW_SCORING))
      return found.every((list) => list !== undefined) ? union(found) : undefined
    }
  }
  // Anything else scores 1 when true: what an index lists exactly.
  if (node.type === 'FuncCall' && node.name === 'references' && node.args[0]?.type === 'Value') {
    const value = node.args[0].value
    const ids = (Array.isArray(value) ? value : [value]).filter((id): id is string => typeof id === 'string')
    return (view) => union(ids.map((id) => view.referencing(id)))
  }
  return exactly(node, undefined, [], runtime).documents
}

function isScoreFilter(node: Node): node is Extract<Node, {type: 'Filter'}> & {base: Extract<Node, {type: 'PipeFuncCall'}>} {
  if (node.type !== 'Filter' || node.base.type !== 'PipeFuncCall' || node.base.name !== 'score') return false
  const {expr} = node
  return expr.type === 'OpCall' && expr.op === '>' && isAttribute(expr.left, '_score') && expr.right.type === 'Value' && expr.right.value === 0
}

/** Rewrites every filter of `*` in the tree; the input tree is not modified. */
export function plan(tree: Node, runtime: PlanRuntime): Node {
  const visit = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object') return node
    if (Array.isArray(node)) return withChildren(node, visit)
    const record = node as Node
    // Values carry the caller's data, not syntax.
    if (record.type === 'Value') return node
    const constant = constantArgument(record)
    if (constant) return constant
    const special = planPipeline(record)
    if (special) return special
    const rewritten = withChildren(record, visit)
    if (rewritten.type !== 'Filter' || rewritten.base.type !== 'Everything') return rewritten
    const analysis = analyse(rewritten.expr, runtime)
    const filtered = filteredExactly(analysis, runtime)
    if (filtered) return filtered
    const base = candidatesBase(analysis, runtime)
    return base ? {...rewritten, base} : rewritten
  }

  /** `references(*[…]._id)`: the ids found once, so that indexes answer `references(<ids>)`. */
  const constantArgument = (node: Node): Node | undefined => {
    if (node.type !== 'FuncCall' || node.name !== 'references' || node.namespace !== 'global' || node.args.length !== 1) return undefined
    const [argument] = node.args
    if (!isConstantQuery(argument!)) return undefined
    const value = runtime.constant(visit(argument) as Node)
    if (value === undefined) return undefined
    runtime.stats.plans.push('constant')
    return {...node, args: [{type: 'Value', value}]}
  }

  /** The filter of `*` inside, with its conditions planned and its base left to the caller. */
  const everythingFilter = (node: Node): Extract<Node, {type: 'Filter'}> | undefined =>
    node.type === 'Filter' && node.base.type === 'Everything' ? {...node, expr: visit(node.expr) as Node} : undefined

  const isCount = (node: Node): node is Extract<Node, {type: 'FuncCall'}> =>
    node.type === 'FuncCall' &&
    node.name === 'count' &&
    node.namespace === 'global' &&
    node.args.length === 1 &&
    node.args[0]?.type === 'Filter' &&
    node.args[0].base.type === 'Everything'

  const plannedCount = (node: Extract<Node, {type: 'FuncCall'}>, cap?: number): Node => {
    const filter = everythingFilter(node.args[0]!)!
    const planned = candidatesBase(analyse(filter.expr, runtime), runtime)
    const fallback: Node = {...node, args: [planned ? {...filter, base: planned} : filter]}
    return countLookup(filter, fallback, runtime, cap) ?? fallback
  }

  /**
   * `array::unique(*[filter].a.b[])` over a filter the indexes tell exactly: collected here as
   * groq-js would (a value that is no array counts as one null; equal numbers, strings and
   * booleans once; anything else each time), without a scope per document.
   */
  const distinctValues = (node: Node): Node | undefined => {
    if (node.type !== 'FuncCall' || node.namespace !== 'array' || node.name !== 'unique' || node.args.length !== 1) return undefined
    const [flat] = node.args
    if (flat?.type !== 'FlatMap' || flat.expr.type !== 'ArrayCoerce') return undefined
    let field = flat.expr.base
    const path: string[] = []
    while (field.type === 'AccessAttribute' && field.base) {
      path.unshift(field.name)
      field = field.base
    }
    const filter = path.length > 0 && field.type === 'This' ? everythingFilter(flat.base) : undefined
    const matches = filter && filteredExactly(analyse(filter.expr, runtime), runtime)
    if (matches?.type !== 'Value') return undefined
    runtime.stats.plans.push('distinct')
    const seen = new Set<unknown>()
    const values: unknown[] = []
    for (const doc of matches.value as SanityDocument[]) {
      const value = valueAt(doc, path)
      for (const item of Array.isArray(value) ? value : [null]) {
        if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') {
          if (seen.has(item)) continue
          seen.add(item)
        }
        values.push(item)
      }
    }
    return {type: 'Value', value: values}
  }

  const planPipeline = (node: Node): Node | undefined => {
    const positions = window(node)
    if (positions && (node.type === 'Slice' || node.type === 'AccessElement') && node.base.type === 'PipeFuncCall' && node.base.name === 'order') {
      const pipe = node.base
      const ranked = scoredWindow(pipe, positions, runtime, (child) => visit(child) as Node)
      if (ranked) return node.type === 'Slice' ? ranked : ({type: 'AccessElement', base: ranked, index: 0} as Node)
      const filter = everythingFilter(pipe.base)
      const args = visit(pipe.args) as Node[]
      const [from, to] = positions
      // An element is read as a one-element slice, so that an empty answer is no answer (null), not a fallback.
      const sliced = (base: Node): Node => ({type: 'Slice', base: {...pipe, args, base: {...filter!, base}}, left: from, right: to, isInclusive: false})
      const answer = filter && orderedWindow(filter, args, positions, sliced, runtime)
      if (!answer) return undefined
      return node.type === 'Slice' ? answer : ({type: 'AccessElement', base: answer, index: 0} as Node)
    }
    if (node.type === 'PipeFuncCall' && node.name === 'order') {
      // The whole ordered list (a sitemap's): walking the index spares groq-js the sort.
      const filter = everythingFilter(node.base)
      const args = visit(node.args) as Node[]
      const whole = (base: Node): Node => ({...node, args, base: {...filter!, base}})
      return (filter && orderedWindow(filter, args, [0, Number.POSITIVE_INFINITY], whole, runtime)) || undefined
    }
    const distinct = distinctValues(node)
    if (distinct) return distinct
    if (isCount(node)) return plannedCount(node)
    if (node.type === 'OpCall' && node.op === '>' && isCount(node.left) && node.right.type === 'Value' && node.right.value === 0) {
      // Whether there is any: a count of at most 1 says the same.
      return {...node, left: plannedCount(node.left, 1)}
    }
    if (isScoreFilter(node)) {
      const filter = everythingFilter(node.base.base)
      const candidates = filter && node.base.args.map((arg) => scoring(arg, runtime))
      if (!candidates?.every((found) => found !== undefined)) return undefined
      const base = runtime.lookup(
        (_, current) => {
          const found = candidates.map((scores) => scores(current.view))
          return found.every((list) => list !== undefined) ? union(found) : null
        },
        [],
        EVERYTHING,
      )
      return {...node, base: {...node.base, args: visit(node.base.args) as Node[], base: {...filter!, base}}}
    }
    return undefined
  }

  return visit(tree) as Node
}
