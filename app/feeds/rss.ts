import {element, xmlEscape} from '~/lib/xml'
import type {Feed} from './feed-types'

/** RSS 2.0, as WordPress's /feed/ serves it: full text in content:encoded, authors in dc:creator. */
export function renderRss(feed: Feed): string {
  const rfc822 = (iso: string) => new Date(iso).toUTCString()
  const items = feed.entries.map((entry) =>
    [
      '<item>',
      element('title', entry.title),
      element('link', entry.link),
      element('guid', entry.id, ` isPermaLink="${entry.id === entry.link}"`),
      element('pubDate', rfc822(entry.published)),
      element('dc:creator', entry.author),
      ...entry.categories.map((category) => element('category', category)),
      element('description', entry.summary),
      entry.html === undefined ? '' : element('content:encoded', entry.html),
      '</item>',
    ].join(''),
  )
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    element('title', feed.title),
    element('link', feed.link),
    `<atom:link href="${xmlEscape(feed.self)}" rel="self" type="application/rss+xml"/>`,
    element('description', feed.description),
    element('language', 'en-US'),
    element('lastBuildDate', rfc822(feed.updated)),
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n')
}
