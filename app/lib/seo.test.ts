import {expect, test} from 'vitest'
import {blogPostingJsonLd} from './json-ld'
import {seoMeta, siteFromMatches} from './seo'

const site = {title: 'Life in Balance', tagline: 'The blog of Wilder Therapy and Wellness', url: 'https://blog.example'}

test('a post gets its title, description, absolute canonical link and both social cards', () => {
  const tags = seoMeta(site, {
    title: '“Hold On”',
    description: 'The universe has impeccable timing.',
    path: '/2013/07/25/hold-on/',
    type: 'article',
    image: {url: 'https://cdn.example/i.jpg', width: 1200, height: 630, alt: 'A bench'},
  })
  expect(tags).toContainEqual({title: '“Hold On” | Life in Balance'})
  expect(tags).toContainEqual({tagName: 'link', rel: 'canonical', href: 'https://blog.example/2013/07/25/hold-on/'})
  expect(tags).toContainEqual({name: 'description', content: 'The universe has impeccable timing.'})
  expect(tags).toContainEqual({property: 'og:type', content: 'article'})
  expect(tags).toContainEqual({property: 'og:url', content: 'https://blog.example/2013/07/25/hold-on/'})
  expect(tags).toContainEqual({property: 'og:image', content: 'https://cdn.example/i.jpg'})
  expect(tags).toContainEqual({name: 'twitter:card', content: 'summary_large_image'})
  expect(tags).toContainEqual({name: 'twitter:image:alt', content: 'A bench'})
  expect(tags.some((tag) => 'name' in tag && tag.name === 'robots')).toBe(false)
})

test('the home page is titled by the blog alone; search pages are kept out of the index', () => {
  const tags = seoMeta(site, {title: 'Life in Balance', path: '/search/?q=x', noindex: true})
  expect(tags).toContainEqual({title: 'Life in Balance'})
  expect(tags).toContainEqual({name: 'description', content: site.tagline})
  expect(tags).toContainEqual({name: 'twitter:card', content: 'summary'})
  expect(tags).toContainEqual({name: 'robots', content: 'noindex, follow'})
})

test('meta functions find the blog in the root match, with a fallback when it failed', () => {
  expect(siteFromMatches([{id: 'root', data: {site}}])).toBe(site)
  expect(siteFromMatches([]).title).toBe('Life in Balance')
})

test('BlogPosting names the author as a Person with an absolute address', () => {
  const jsonLd = blogPostingJsonLd(site, {
    title: 'T',
    path: '/2013/07/25/t/',
    description: 'D',
    publishedAt: '2013-07-25T13:00:00Z',
    updatedAt: '2013-07-26T13:00:00Z',
    author: {name: 'Dr. Jami Wilder', path: '/author/jami-wilder/', credentials: 'Psy.D.'},
    image: null,
    categories: [{title: 'Sexual Health'}],
    tags: [],
  })
  expect(jsonLd).toMatchObject({
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: 'T',
    url: 'https://blog.example/2013/07/25/t/',
    datePublished: '2013-07-25T13:00:00Z',
    dateModified: '2013-07-26T13:00:00Z',
    author: {'@type': 'Person', name: 'Dr. Jami Wilder', url: 'https://blog.example/author/jami-wilder/'},
    articleSection: ['Sexual Health'],
  })
  expect(jsonLd).not.toHaveProperty('image')
  expect(jsonLd).not.toHaveProperty('keywords')
})
