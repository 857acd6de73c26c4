import {evaluateSync, parse, toJS} from 'groq-js'
import {expect, test} from 'vitest'
import {termPrefixes} from '../groq/match-tokens'
import type {SanityDocument} from '../types'
import {TextIndex} from './text-index'

// The text index may over-select but must never miss a document groq-js's `match` accepts:
// checked against groq-js itself, on words that tokenizers disagree about.

const TRICKY = [
  "don't",
  'don’t',
  'snake_case',
  'v2.0',
  '.hidden',
  'e.g.',
  'café',
  'CAFÉ',
  'cafe\u0301',
  'naïve',
  'straße',
  'STRASSE',
  'İstanbul',
  'ıi',
  'ﬁne',
  'µ',
  'Μ',
  'ΣΊΣΥΦΟΣ',
  'σίσυφος',
  '日本語',
  'emoji😀x',
  '😀',
  '42',
  '3.14',
  '1e5',
  '-neg',
  'a-b',
  'x*y',
  'a=b',
  'tab\there',
  '',
  'ǁtype',
  'ǂescape',
]

function groqMatches(text: unknown, pattern: unknown): boolean {
  return toJS(evaluateSync(parse('$text match $pattern'), {params: {text, pattern}})) === true
}

function documentWith(id: string, title: unknown): SanityDocument {
  return {_id: id, _type: 'post', title}
}

test('every document groq-js matches is among those the index finds, on tricky words and patterns', async () => {
  let seed = 7
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
    return seed / 2_147_483_648
  }
  const pick = () => TRICKY[Math.floor(random() * TRICKY.length)]!
  const texts = Array.from({length: 300}, () => Array.from({length: 1 + Math.floor(random() * 3)}, pick).join(random() < 0.5 ? ' ' : ''))
  const index = new TextIndex(texts.map((text, i) => documentWith(`d${i}`, text)))
  await index.whenReady()
  const wildcards = (word: string) => [
    word,
    `${word}*`,
    `${word.slice(0, 2)}*`,
    `*${word.slice(1)}`,
    word.toUpperCase(),
    word.toLowerCase(),
    `${word.slice(0, 1)}.${word.slice(2)}`,
  ]
  const patterns = [...TRICKY.flatMap(wildcards), 'don t', "rock'n'roll", '*', '', 'x y z']
  let checked = 0
  for (const pattern of patterns) {
    const prefixes = termPrefixes([pattern]).filter(Boolean)
    const expected = texts.flatMap((text, i) => (groqMatches(text, pattern) ? [`d${i}`] : []))
    if (prefixes.length === 0) continue
    const found = new Set(index.search(prefixes, 'post', texts.length))
    for (const id of expected) expect(found.has(id), `${pattern} in ${texts[Number(id.slice(1))]}`).toBe(true)
    checked += expected.length
  }
  expect(checked).toBeGreaterThan(100)
})

test('a word Portable Text spans make only together is found, and so is the id as each perspective shows it', async () => {
  const post: SanityDocument = {
    _id: 'drafts.grief-guide',
    _type: 'post',
    body: [
      {
        _type: 'block',
        children: [
          {_type: 'span', text: 'heal'},
          {_type: 'span', text: 'ing'},
        ],
      },
    ],
  }
  const index = new TextIndex([post])
  await index.whenReady()
  const search = (pattern: string, type?: string) => index.search(termPrefixes([pattern]), type, 10)
  expect(search('healing', 'post')).toEqual(['drafts.grief-guide'])
  expect(groqMatches('drafts.grief-guide', 'drafts.grief')).toBe(true)
  expect(search('drafts.grief')).toEqual(['drafts.grief-guide'])
  expect(search('grief')).toEqual(['drafts.grief-guide'])
  expect(search('healing', 'page')).toEqual([])
})

test('built in the background, the index narrows nothing until it is complete, and keeps changes made meanwhile', async () => {
  const documents = Array.from({length: 5_000}, (_, i) => documentWith(`d${i}`, `word${i}`))
  const index = new TextIndex(documents)
  expect(index.search(['WORD1'], 'post', 10_000)).toBeUndefined()
  index.apply('d1', documentWith('d1', 'changed'))
  index.apply('d2', null)
  await index.whenReady()
  expect(index.search(['WORD1'], 'post', 10_000)).toHaveLength(1_110)
  expect(index.search(['CHANGED'], 'post', 10)).toEqual(['d1'])
  expect(index.search(['WORD2'], 'post', 10_000)).not.toContain('d2')
  index.close()
})

test('the index follows edits and deletions, and says when more documents match than asked for', async () => {
  const index = new TextIndex([documentWith('a', 'sleep well'), documentWith('b', 'sleep badly')])
  await index.whenReady()
  expect(index.search(['SLEEP'], 'post', 10)?.sort()).toEqual(['a', 'b'])
  expect(index.search(['SLEEP'], 'post', 1)).toBeUndefined()
  index.apply('a', documentWith('a', 'rest well'))
  index.apply('b', null)
  index.apply('c', documentWith('c', 'sleepless nights'))
  expect(index.search(['SLEEP'], 'post', 10)).toEqual(['c'])
  expect(index.search(['REST'], 'post', 10)).toEqual(['a'])
  index.close()
})
