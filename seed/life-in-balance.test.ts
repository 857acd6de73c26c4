import {expect, test} from 'vitest'
import {readOriginalPost} from './capture'
import {author, post, siteSettings} from './life-in-balance'

type Block = {style: string; children: {text: string; marks: string[]}[]; markDefs: {_key: string; href: string}[]}
const body = post.body as Block[]
const textOf = (block: Block) => block.children.map((span) => span.text).join('')
const original = readOriginalPost()

// The original joins the last two words with a no-break space, as WordPress does against widows.
test('the title keeps its curly quotes, en dash and no-break space', () => {
  expect(post.title).toBe('“Hold On. We Don’t Do That” – Sex Therapy v. Sexual\u00a0Surrogacy')
  expect(post.title).toBe(original.title)
})

test('body and author note hold every paragraph of the original, in order, word for word', () => {
  const seeded = [...body.map(textOf), author.bio].join(' ')
  expect(seeded).toBe(original.paragraphs.join(' '))
})

test('the byline names the author as the original did', () => {
  expect(original.byline).toBe(`By ${author.name}`)
  expect(author.credentials).toBe('Psy.D.')
})

test('the sub-heading is a heading and the IPSA quotation a blockquote', () => {
  expect(body.filter((block) => block.style === 'h2').map(textOf)).toEqual(['So What’s the Difference?'])
  const quotes = body.filter((block) => block.style === 'blockquote').map(textOf)
  expect(quotes).toHaveLength(1)
  expect(quotes[0]).toMatch(/^“The surrogate participates .* social skills training\.”$/)
})

test('the GoodTherapy.org link is a link annotation with the original text', () => {
  const linked = body.flatMap((block) =>
    block.children
      .filter((span) => span.marks.length > 0)
      .map((span) => ({text: span.text, href: block.markDefs.find((def) => def._key === span.marks[0])?.href})),
  )
  expect(linked).toEqual([{text: 'GooodTherapy.org’s Sex/Sexuality Page', href: expect.stringMatching(/^https:\/\/www\.goodtherapy\.org\//)}])
})

test('page noise is not content', () => {
  const everything = JSON.stringify([post, author, siteSettings])
  for (const noise of ['Advertisements', 'Connecting to %s', 'You are commenting using', 'Leave a Reply']) {
    expect(everything).not.toContain(noise)
  }
})

test('site settings name the blog and the practice', () => {
  expect(siteSettings).toMatchObject({title: 'Life in Balance', practiceName: 'Wilder Therapy and Wellness'})
})

test('the post is dated 2013-07-25 in the practice’s time zone', () => {
  const day = new Intl.DateTimeFormat('en-CA', {timeZone: siteSettings.timeZone as string}).format(new Date(post.publishedAt as string))
  expect(day).toBe('2013-07-25')
})
