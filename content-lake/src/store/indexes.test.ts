import {expect, test} from 'vitest'
import type {SanityDocument} from '../types'
import {DocumentIndexes} from './indexes'

const doc = (id: string, type: string, ref?: string): SanityDocument => ({_id: id, _type: type, ...(ref ? {link: {_ref: ref}} : {})})

test('lists stay in _id order through creates, edits, type changes and deletes', () => {
  const indexes = new DocumentIndexes([doc('b', 'post'), doc('d', 'post'), doc('a', 'author')])
  indexes.apply({id: 'c', before: null, after: doc('c', 'post')})
  indexes.apply({id: 'b', before: doc('b', 'post'), after: {...doc('b', 'post'), title: 'edited'}})
  indexes.apply({id: 'd', before: doc('d', 'post'), after: doc('d', 'author')})
  indexes.apply({id: 'a', before: doc('a', 'author'), after: null})
  expect(indexes.sorted.map((d) => d._id)).toEqual(['b', 'c', 'd'])
  expect(indexes.sorted[0]).toMatchObject({title: 'edited'})
  expect(indexes.ofType('post').map((d) => d._id)).toEqual(['b', 'c'])
  expect(indexes.ofType('author').map((d) => d._id)).toEqual(['d'])
})

test('the reference index follows every _ref, at any depth, as documents change', () => {
  const indexes = new DocumentIndexes([doc('p', 'post', 'x'), {_id: 'q', _type: 'post', deep: [{a: {_ref: 'x'}}]}])
  expect([...indexes.referencing('x')].sort()).toEqual(['p', 'q'])
  indexes.apply({id: 'p', before: doc('p', 'post', 'x'), after: doc('p', 'post', 'y')})
  indexes.apply({id: 'q', before: {_id: 'q', _type: 'post', deep: [{a: {_ref: 'x'}}]}, after: null})
  expect([...indexes.referencing('x')]).toEqual([])
  expect([...indexes.referencing('y')]).toEqual(['p'])
})

test('a dataset larger than a call’s arguments can hold is indexed (an import of 150,000 documents once overflowed the stack)', () => {
  const documents = Array.from({length: 300_000}, (_, i) => doc(`comment-${String(i).padStart(6, '0')}`, 'comment'))
  const indexes = new DocumentIndexes(documents.reverse())
  expect(indexes.sorted).toHaveLength(300_000)
  expect(indexes.sorted[0]!._id).toBe('comment-000000')
  expect(indexes.ofType('comment')).toHaveLength(300_000)
})

test('a sorted index, built on first use, stays in GROQ order through edits, type changes and deletes', () => {
  const dated = (id: string, type: string, publishedAt: unknown): SanityDocument => ({_id: id, _type: type, publishedAt})
  const indexes = new DocumentIndexes([dated('a', 'post', '2020'), dated('b', 'post', 3), dated('c', 'post', null), dated('d', 'post', '2019')])
  const order = () => indexes.orderedBy('post', ['publishedAt']).entries.map(({doc}) => doc._id)
  // Numbers, then strings, then everything else (null, missing, objects), ties by id.
  expect(order()).toEqual(['b', 'd', 'a', 'c'])
  indexes.apply({id: 'e', before: null, after: dated('e', 'post', '2019')})
  indexes.apply({id: 'a', before: dated('a', 'post', '2020'), after: dated('a', 'post', true)})
  indexes.apply({id: 'b', before: dated('b', 'post', 3), after: dated('b', 'page', 3)})
  indexes.apply({id: 'c', before: dated('c', 'post', null), after: null})
  indexes.apply({id: 'f', before: null, after: dated('f', 'post', {at: 1})})
  expect(order()).toEqual(['d', 'e', 'a', 'f'])
  expect(indexes.orderedBy('page', ['publishedAt']).entries.map(({doc}) => doc._id)).toEqual(['b'])
})
