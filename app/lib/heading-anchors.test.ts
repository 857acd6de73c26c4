import {expect, test} from 'vitest'
import {headingAnchors} from './heading-anchors'

const heading = (key: string, style: string, text: string) => ({
  _type: 'block',
  _key: key,
  style,
  children: [{_type: 'span', text}],
})

test('headings get ids from their text, unique within the post; paragraphs get none', () => {
  const ids = headingAnchors([
    heading('a', 'h2', 'So What’s the Difference?'),
    heading('b', 'normal', 'Just a paragraph'),
    heading('c', 'h3', 'So what’s the difference'),
    heading('d', 'h2', '???'),
  ])
  expect(Object.fromEntries(ids)).toEqual({
    a: 'so-what-s-the-difference',
    c: 'so-what-s-the-difference-2',
    d: 'section',
  })
})
