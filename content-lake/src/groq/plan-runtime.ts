import {type EvaluateOptions, evaluateSync, type ExprNode, toJS} from 'groq-js'
import type {QueryView} from '../perspective'
import type {SanityDocument} from '../types'
import {readsDataset, slotName} from './conditions'
import {documentText, TEXT_MARKER} from './text-query'

type Node = ExprNode

/** What the planner did for one query: the plans that ran and how many documents they looked at. */
export interface PlanStats {
  /** One entry per lookup that answered (a name such as `ordered`, `count`, `words`), in the order they ran. */
  plans: string[]
  /** Documents a plan read to answer: index entries walked, candidates counted or filtered. */
  examined: number
}

/** A lookup the planner leaves in the tree: given the values of its slots (all strings), its answer, or null to fall back. */
export type Lookup = (slots: string[], runtime: PlanRuntime) => unknown

/** The key prefix that marks a planner lookup in the `dereference` hook; no document id holds a NUL. */
const LOOKUP_MARKER = '\u0000plan\u0000'
/** The key prefix of a join lookup: the documents that reference an id. */
const REFERRERS_MARKER = '\u0000referencing\u0000'

function concat(left: Node, right: Node): Node {
  return {type: 'OpCall', op: '+', left, right}
}

function deref(key: Node): Node {
  return {type: 'Deref', base: {type: 'Object', attributes: [{type: 'ObjectAttributeValue', name: '_ref', value: key}]}} as Node
}

/** `coalesce(answer, fallback)`: groq-js evaluates `fallback` only when the lookup answers null. */
function orElse(answer: Node, fallback: Node): Node {
  return {type: 'FuncCall', namespace: 'global', name: 'coalesce', args: [answer, fallback]} as Node
}

/**
 * One query's planner lookups, answered at evaluation time through groq-js's `dereference`
 * hook, where the values from the enclosing document (`^._id`, `^.publishedAt`) are known.
 * A lookup's node is `coalesce(<lookup>->, <fallback>)`: its key is built in GROQ from the
 * slots, so a slot that is not a string makes the key null, and groq-js evaluates the fallback.
 */
export class PlanRuntime {
  readonly stats: PlanStats = {plans: [], examined: 0}
  private readonly lookups: {run: Lookup; slots: number}[] = []
  private readonly answers = new Map<string, unknown>()
  private readonly texts = new Map<string, string[]>()
  private readonly remembered = new Map<string, unknown>()

  constructor(
    readonly view: QueryView,
    private readonly options: Pick<EvaluateOptions, 'params' | 'identity' | 'timestamp'>,
  ) {}

  /** A node that evaluates to the lookup's answer for its slots (shifted-out expressions), or to `fallback`. */
  lookup(lookup: Lookup, slots: readonly Node[], fallback: Node): Node {
    const index = this.lookups.push({run: lookup, slots: slots.length}) - 1
    const key = slots.reduce<Node>((built, slot) => concat(concat(built, {type: 'Value', value: '\u0000'}), slot), {
      type: 'Value',
      value: `${LOOKUP_MARKER}${index}`,
    })
    return orElse(deref(key), fallback)
  }

  /** The documents referencing the id `target` evaluates to, or `fallback` when it is not a string. */
  referencing(target: Node, fallback: Node): Node {
    return orElse(deref(concat({type: 'Value', value: REFERRERS_MARKER}, target)), fallback)
  }

  /** `compute()`'s answer, computed once per query for each key (a search's count and its page need the same words). */
  remember<T>(key: string, compute: () => T): T {
    if (!this.remembered.has(key)) this.remembered.set(key, compute())
    return this.remembered.get(key) as T
  }

  /** Documents that satisfy `filter` (slots filled in), in their order. */
  matching(documents: readonly SanityDocument[], filter: Node, slots: readonly string[]): SanityDocument[] {
    this.stats.examined += documents.length
    if (documents.length === 0) return []
    const params = {...this.options.params}
    slots.forEach((value, slot) => {
      params[slotName(slot)] = value
    })
    const tree: Node = {type: 'Filter', base: {type: 'Value', value: documents}, expr: filter}
    const dataset = readsDataset(filter) ? this.view.documents() : []
    // The value's data as is: `toJS` would walk every document to normalize what stored JSON never holds.
    const kept = evaluateSync(tree, {...this.options, params, dataset, dereference: this.dereference as EvaluateOptions['dereference']})
    return kept.data as SanityDocument[]
  }

  /** The value of an expression that reads no enclosing scope (see `isConstantQuery`), or undefined when evaluating it fails. */
  constant(node: Node): unknown {
    const dataset = readsDataset(node) ? this.view.documents() : []
    try {
      return toJS(evaluateSync(node, {...this.options, dataset, dereference: this.dereference as EvaluateOptions['dereference']}))
    } catch {
      // groq-js may never have evaluated it (a branch not taken): its error is not the query's.
      return undefined
    }
  }

  /** The `dereference` hook: answers `->` by id, the planner's lookups and `text::query()`'s document text. */
  readonly dereference = ({_ref}: {_ref: string}): unknown => {
    if (_ref.startsWith(LOOKUP_MARKER)) {
      if (!this.answers.has(_ref)) this.answers.set(_ref, this.answer(_ref.slice(LOOKUP_MARKER.length)))
      return this.answers.get(_ref)
    }
    if (_ref.startsWith(REFERRERS_MARKER)) return this.view.referencing(_ref.slice(REFERRERS_MARKER.length))
    if (_ref.startsWith(TEXT_MARKER)) {
      // A search reads a document's text once per term: collected once per query.
      const id = _ref.slice(TEXT_MARKER.length)
      let text = this.texts.get(id)
      if (!text) {
        text = documentText(this.view.get(id))
        this.texts.set(id, text)
      }
      return text
    }
    return this.view.get(_ref) ?? null
  }

  private answer(key: string): unknown {
    const [index, ...slots] = key.split('\u0000')
    const lookup = this.lookups[Number(index)]
    // A key from the query's own text rather than the planner's, or a slot holding a NUL.
    if (!lookup || !/^\d+$/.test(index!) || slots.length !== lookup.slots) return null
    return lookup.run(slots, this)
  }
}
