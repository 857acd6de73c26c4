import {element, xmlEscape} from '~/lib/xml'
import type {Feed} from './feed-types'

/** Atom 1.0, as WordPress's /feed/atom/ serves it. */
export function renderAtom(feed: Feed): string {
  const entries = feed.entries.map((entry) =>
    [
      '<entry>',
      element('title', entry.title, ' type="text"'),
      `<link rel="alternate" type="text/html" href="${xmlEscape(entry.link)}"/>`,
      element('id', entry.id),
      element('published', entry.published),
      element('updated', entry.updated),
      entry.author ? `<author>${element('name', entry.author)}</author>` : '',
      ...entry.categories.map((category) => `<category term="${xmlEscape(category)}"/>`),
      element('summary', entry.summary, ' type="text"'),
      entry.html === undefined ? '' : element('content', entry.html, ' type="html"'),
      '</entry>',
    ].join(''),
  )
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-US">',
    element('title', feed.title, ' type="text"'),
    element('subtitle', feed.description, ' type="text"'),
    element('id', feed.self),
    `<link rel="alternate" type="text/html" href="${xmlEscape(feed.link)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${xmlEscape(feed.self)}"/>`,
    element('updated', feed.updated),
    // Atom needs an author for every entry; the blog itself stands in where a post has none.
    `<author>${element('name', feed.title)}</author>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n')
}
