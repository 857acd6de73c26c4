import {withChildren} from './tree-children'
import type {ExprNode} from 'groq-js'
import type {SanityDocument} from '../types'

/**
 * `text::query()`, Sanity's search syntax, for groq-js, which parses the function but cannot
 * evaluate it. Studio 6 sends it for every document list and search:
 * `[@, _id] match text::query($__query)`, with `*` for "no search term yet".
 *
 * `<text> match text::query("<terms>")` is rewritten into what groq-js evaluates: one
 * `<text> match "<term>"` per term, all required; `-term` must not match; `term*` matches words
 * starting with `term`; a `"quoted phrase"` needs all its words (in any order: groq-js's `match`
 * has no phrase search); `*` alone matches everything. `@` among the text stands for every string
 * in the document (an object is no text to groq-js's `match`), found by its `_id` through the
 * `dereference` hook: see {@link TEXT_MARKER}.
 */

type Node = ExprNode

/** The key prefix that marks a document-text lookup in the `dereference` hook; no document id holds a NUL. */
export const TEXT_MARKER = '\u0000text\u0000'

// Sanity's own tokenizer for search strings (words, and quoted phrases with their quotes).
const TERMS = /(?:[^\s"]+|"[^"]*")+/g
// What groq-js's `match` takes for a word: anything but these separators (`*` is its wildcard).
const WORD_CHARACTER = /[^!@#$%^&*(),\\/?";:{}|[\]+<>\s-]/

interface Term {
  pattern: string
  negated: boolean
}

/** The terms of a search string; undefined terms (only separators) are dropped, `*` alone means "anything". */
export function parseTextQuery(search: string): Term[] {
  const terms: Term[] = []
  for (const raw of search.match(TERMS) ?? []) {
    const negated = raw.length > 1 && raw.startsWith('-')
    let pattern = negated ? raw.slice(1) : raw
    if (pattern.length >= 2 && pattern.startsWith('"') && pattern.endsWith('"')) pattern = pattern.slice(1, -1)
    if (/^\*+$/.test(pattern.trim())) {
      // Everything matches `*`, so `-*` matches nothing.
      if (negated) terms.push({pattern: '', negated: false})
      continue
    }
    if (WORD_CHARACTER.test(pattern)) terms.push({pattern, negated})
  }
  return terms
}

/** `@` (the document) as its strings, looked up by its id through the dereference hook. */
const DOCUMENT_TEXT: Node = {
  type: 'Deref',
  base: {
    type: 'Object',
    attributes: [
      {
        type: 'ObjectAttributeValue',
        name: '_ref',
        value: {type: 'OpCall', op: '+', left: {type: 'Value', value: TEXT_MARKER}, right: {type: 'AccessAttribute', name: '_id'}},
      },
    ],
  },
} as Node

/** Whether a node is the document's text as this rewrite reads it. */
export function isDocumentText(node: Node): boolean {
  return JSON.stringify(node) === JSON.stringify(DOCUMENT_TEXT)
}

/** `@` (the document) as its strings; other text as it is. */
function textOf(node: Node): Node {
  const documentText = DOCUMENT_TEXT
  if (node.type === 'This') return documentText
  if (node.type !== 'Array') return node
  return {
    ...node,
    // Spread, since groq-js's `match` reads strings and arrays of strings, not arrays of arrays.
    elements: node.elements.map((element) => (element.value.type === 'This' ? {...element, value: documentText, isSplat: true} : element)),
  }
}

function matchAll(text: Node, terms: Term[]): Node {
  const conditions: Node[] = terms.map(({pattern, negated}) => {
    // An empty pattern matches nothing in groq-js, which is what `-*` means.
    const match: Node = {type: 'OpCall', op: 'match', left: text, right: {type: 'Value', value: pattern}}
    return negated ? {type: 'Not', base: match} : match
  })
  if (conditions.length === 0) return {type: 'Value', value: true}
  return conditions.reduce((left, right) => ({type: 'And', left, right}))
}

function isTextQuery(node: Node): node is Extract<Node, {type: 'FuncCall'}> {
  return node.type === 'FuncCall' && node.namespace === 'text' && node.name === 'query'
}

/**
 * Rewrites every `… match text::query(…)` in the tree; the input tree is not modified. Throws when
 * the search is not a string given in the query (a literal or a parameter), which is all
 * `text::query()` takes in this lake.
 */
export function rewriteTextQueries(tree: Node): Node {
  const visit = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object') return node
    if (Array.isArray(node)) return withChildren(node, visit)
    const record = node as Node
    if (record.type === 'Value') return node
    if (record.type === 'OpCall' && record.op === 'match' && isTextQuery(record.right)) {
      const [search] = record.right.args
      if (record.right.args.length !== 1 || search?.type !== 'Value' || typeof search.value !== 'string') {
        throw new Error('text::query() takes one string, given in the query or as a parameter')
      }
      return matchAll(textOf(visit(record.left) as Node), parseTextQuery(search.value))
    }
    if (isTextQuery(record)) throw new Error('text::query() can only be used on the right of `match`')
    return withChildren(record, visit)
  }
  return visit(tree) as Node
}

/** Every string in a document, outside its system fields (`_type`, `_key`, `_ref`…): what `@` holds as text. */
export function documentText(document: SanityDocument | undefined): string[] {
  const strings: string[] = []
  const collect = (value: unknown) => {
    if (typeof value === 'string') strings.push(value)
    else if (Array.isArray(value)) value.forEach(collect)
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) if (!key.startsWith('_')) collect(child)
    }
  }
  if (document) collect(document)
  return strings
}
