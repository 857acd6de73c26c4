import fc from 'fast-check'
import {applyPatch, incremental} from 'mendoza'
import {describe, expect, test} from 'vitest'
import {MAX_DEPTH, mendozaEffects, mendozaPatch} from './mendoza'

// Patches are checked with the real decoders Studio runs: mendoza's plain `applyPatch` (document
// listener, timeline) and its incremental patcher ("Review changes", which credits each value to
// the patch that wrote it).

type Json = null | boolean | number | string | Json[] | {[key: string]: Json}

/** What a client holds after the wire: no `undefined`, no functions. */
const wire = <T>(value: T): T => (value === undefined ? (null as T) : JSON.parse(JSON.stringify(value)))

function expectRoundTrip(before: unknown, after: unknown) {
  const [apply, revert] = wire([mendozaPatch(before, after), mendozaPatch(after, before)])
  expect(applyPatch(wire(before), apply)).toEqual(wire(after))
  expect(applyPatch(wire(after), revert)).toEqual(wire(before))
  expect(incremental.unwrap(incremental.applyPatch(incremental.wrap(wire(before), 'old'), apply, 'new'))).toEqual(wire(after))
  expect(incremental.unwrap(incremental.applyPatch(incremental.wrap(wire(after), 'old'), revert, 'new'))).toEqual(wire(before))
}

// mendoza's decoders set fields by assignment, so no patch can make a field named `__proto__`.
const json = (constraints: fc.JsonSharedConstraints = {}) => fc.jsonValue(constraints).filter((value) => !JSON.stringify(value).includes('"__proto__":'))

// Realistic documents: a post with a Portable Text body, nested objects and unicode text.
const text = fc.oneof(fc.string(), fc.string({unit: 'binary'}), fc.string({unit: 'grapheme'}), fc.constantFrom('é', 'ÅØÆ', '😀 ok', 'a\u{10400}b', ''))
const key = fc.stringMatching(/^[a-z0-9]{4,8}$/)
const span = fc.record({_key: key, _type: fc.constant('span'), text, marks: fc.array(fc.constantFrom('em', 'strong'), {maxLength: 2})})
const block = fc.record({
  _key: key,
  _type: fc.constant('block'),
  style: fc.constantFrom('normal', 'h2'),
  children: fc.uniqueArray(span, {selector: (s) => s._key, maxLength: 4}),
})
const post = fc.record(
  {
    _id: fc.constant('drafts.p'),
    _type: fc.constant('post'),
    title: text,
    excerpt: fc.option(text),
    tags: fc.array(fc.constantFrom('anxiety', 'grief', 'couples', 'sleep'), {maxLength: 4}),
    seo: fc.record({title: text, noIndex: fc.boolean(), depth: fc.record({level: fc.integer(), note: fc.option(text)})}, {requiredKeys: ['title']}),
    body: fc.uniqueArray(block, {selector: (b) => b._key, maxLength: 6}),
    extra: json({maxDepth: 3}),
    gone: fc.constant(undefined),
  },
  {requiredKeys: ['_id', '_type', 'title', 'body']},
)

/** Edits an editor or a script makes, picked by a stream of numbers. */
function edit(document: Record<string, unknown>, picks: number[], replacement: Json): Record<string, unknown> {
  const next = structuredClone(document) as Record<string, Json>
  const body = (next.body ?? []) as {_key: string; children: {text: string}[]}[]
  for (const pick of picks) {
    const target = body[pick % Math.max(body.length, 1)]
    switch (pick % 9) {
      case 0: {
        const spanInBlock = target?.children[pick % Math.max(target.children.length, 1)]
        if (spanInBlock) spanInBlock.text = `${spanInBlock.text.slice(0, pick % 5)}ü${spanInBlock.text.slice(pick % 5)}`
        break
      }
      case 1:
        body.reverse()
        break
      case 2:
        if (target) body.splice(pick % body.length, 1)
        break
      case 3:
        body.splice(pick % (body.length + 1), 0, {_key: `new${pick}`, _type: 'block', children: [{_key: 'n', _type: 'span', text: 'Inserted'}]} as never)
        break
      case 4:
        next.title = `${next.title}!`
        break
      case 5:
        next.seo = typeof replacement === 'object' ? replacement : {title: 'Changed'}
        break
      case 6:
        next.excerpt = replacement
        break
      case 7:
        delete next.tags
        break
      default:
        next.title = pick // a type change
    }
  }
  return next
}

describe('patches replay exactly, both ways, with the real mendoza decoders', () => {
  test('unrelated JSON values, documents or not', () => {
    fc.assert(
      fc.property(json(), json(), (before, after) => expectRoundTrip(before, after)),
      {numRuns: 500},
    )
  })

  test('objects with keys in common and values of changed types', () => {
    const object = fc.dictionary(fc.constantFrom('a', 'b', 'B', '_key', 'é', 'z'), json({maxDepth: 3}))
    fc.assert(
      fc.property(object, object, (before, after) => expectRoundTrip(before, after)),
      {numRuns: 500},
    )
  })

  test('a post and the same post after some edits', () => {
    fc.assert(
      fc.property(post, fc.array(fc.nat(), {maxLength: 5}), json({maxDepth: 2}), (before, picks, replacement) =>
        expectRoundTrip(before, edit(before, picks, replacement as Json)),
      ),
      {numRuns: 500},
    )
  })

  test('strings edited anywhere, in any script', () => {
    fc.assert(
      fc.property(text, text, text, text, (start, end, removed, added) => expectRoundTrip({t: start + removed + end}, {t: start + added + end})),
      {numRuns: 1000},
    )
    // Halves of one character (U+10400) on either side of an edit, and unpaired halves.
    const pairs = [
      ['a\u{10400}b', 'a\uD801'],
      ['a\u{10400}', 'a\uD801'],
      ['\u{10400}b', '\uDC00b'],
      ['x\u{10400}b', 'y\uDC00b'],
      ['\uD801', '\u{10400}'],
      ['é\u{10400}', 'é\u{10401}'],
    ]
    for (const [start, end] of pairs) expectRoundTrip({t: start}, {t: end})
  })

  test('effects leave out `_rev`, as Studio strips it before applying them', () => {
    const before = {_id: 'p', _rev: 'r1', _type: 'post', a: 1, z: 'kept'}
    const after = {_id: 'p', _rev: 'r2', _type: 'post', a: 2, z: 'kept'}
    const {apply, revert} = mendozaEffects(before, after)
    const {_rev: r1, ...studioBefore} = before
    const {_rev: r2, ...studioAfter} = after
    expect(applyPatch(studioBefore, apply)).toEqual(studioAfter)
    expect(applyPatch(studioAfter, revert)).toEqual(studioBefore)
    expect(JSON.stringify(apply)).not.toContain('r2')
  })

  test('creation and deletion are whole values', () => {
    expect(mendozaPatch(null, {_id: 'a'})).toEqual([0, {_id: 'a'}])
    expect(mendozaPatch({_id: 'a'}, null)).toEqual([0, null])
    expect(mendozaPatch(undefined, undefined)).toEqual([0, null])
  })
})

describe('unchanged parts are copied from the input, not restated', () => {
  const body = [
    {_key: 'b1', _type: 'block', children: [{_key: 's1', _type: 'span', text: 'Written by Ada, untouched since.'}]},
    {_key: 'b2', _type: 'block', children: [{_key: 's2', _type: 'span', text: 'Ada wrote this paragraph.'}]},
    {_key: 'b3', _type: 'block', children: [{_key: 's3', _type: 'span', text: 'Closing words by Ada.'}]},
  ]
  const created = {_id: 'drafts.p', _type: 'post', title: 'Sleep well', seo: {title: 'Sleep', noIndex: false}, body}

  test('one edited span restates only what was typed', () => {
    const edited = structuredClone(created)
    edited.body[1]!.children[0]!.text = 'Ada wrote this paragraph, and Grace added this.'
    const patch = JSON.stringify(mendozaPatch(created, edited))
    expect(patch).toContain(', and Grace added this')
    for (const kept of ['Written by Ada', 'Ada wrote this paragraph', 'Closing words', 'Sleep well', 'noIndex', 'b1', 'b3']) expect(patch).not.toContain(kept)
  })

  test('moved, inserted and removed blocks copy the others by key', () => {
    const [b1, b2, b3] = body
    const moved = {...created, body: [b3, {_key: 'b4', _type: 'block', children: []}, b1]}
    const patch = mendozaPatch(created, moved)
    expect(JSON.stringify(patch)).not.toMatch(/Ada/)
    expect(JSON.stringify(patch)).toContain('b4')
    expectRoundTrip(created, moved)
    expectRoundTrip(moved, {...created, body: [b2, b1]})
  })

  /** The deepest value Studio's replay built on this path (below it, values came whole with it). */
  function valueAt(document: incremental.Value<string>, path: (string | number)[]): incremental.Value<string> {
    let current = document
    for (const step of path) {
      const content = current.content
      if (!content || content.type === 'string') break
      current = content.type === 'object' ? content.fields[step as string]! : content.elements[step as number]!
    }
    return current
  }

  test("Studio's incremental replay credits each change to the transaction that made it", () => {
    // Ada creates the post, Grace edits the title, Ada later edits the middle paragraph.
    const titled = {...structuredClone(created), title: 'Sleep well, by Grace'}
    const paragraph = structuredClone(titled)
    paragraph.body[1]!.children[0]!.text = 'Ada rewrote this paragraph.'
    let document = incremental.wrap<string>(null, 'before')
    document = incremental.applyPatch(document, wire(mendozaPatch(null, created)), 'ada-create')
    document = incremental.applyPatch(document, wire(mendozaPatch(created, titled)), 'grace-title')
    document = incremental.applyPatch(document, wire(mendozaPatch(titled, paragraph)), 'ada-paragraph')
    expect(incremental.unwrap(document)).toEqual(paragraph)

    expect(valueAt(document, ['title']).startMeta).toBe('grace-title')
    expect(valueAt(document, ['seo']).startMeta).toBe('ada-create')
    expect(valueAt(document, ['body', 0]).startMeta).toBe('ada-create')
    expect(valueAt(document, ['body', 2]).startMeta).toBe('ada-create')
    // Within the edited span, the words kept are still the first version's.
    const spanText = valueAt(document, ['body', 1, 'children', 0, 'text']).content as incremental.StringContent<string>
    expect(spanText.parts.map((part) => [part.value, part.startMeta])).toEqual([
      ['Ada ', 'ada-create'],
      ['re', 'ada-paragraph'],
      ['wrote this paragraph.', 'ada-create'],
    ])
  })
})

describe('cost stays bounded', () => {
  test('changes deeper than the depth bound are restated, still exactly', () => {
    const nest = (depth: number, leaf: Json): Json => (depth === 0 ? leaf : {n: nest(depth - 1, leaf), k: 'kept'})
    const before = {_id: 'd', deep: nest(MAX_DEPTH + 5, 'old')}
    const after = {_id: 'd', deep: nest(MAX_DEPTH + 5, 'new')}
    const patch = JSON.stringify(mendozaPatch(before, after))
    expect(patch).toContain('"kept"')
    expectRoundTrip(before, after)
  })

  test('nesting deeper than any call stack is compared without overflowing', () => {
    const nest = (leaf: string) => {
      let deep: Json = leaf
      for (let i = 0; i < 200_000; i++) deep = [deep]
      return deep
    }
    const [before, after] = [
      {_id: 'd', same: nest('x'), deep: nest('old')},
      {_id: 'd', same: nest('x'), deep: nest('new')},
    ]
    const patch = mendozaPatch(before, after)
    let reached = applyPatch(before, patch).deep
    while (Array.isArray(reached)) reached = reached[0]
    expect(reached).toBe('new')
  })

  test('a huge document costs one literal once the work budget is spent', () => {
    const items = Array.from({length: 1_200_000}, (_, i) => i)
    const before = {_id: 'd', items, other: 1}
    const after = {_id: 'd', items: [...items], other: 2}
    const started = performance.now()
    expect(mendozaPatch(before, after)).toEqual([0, after])
    expect(performance.now() - started).toBeLessThan(2_000)
  })
})
