import {expect, test} from 'vitest'
import {APPROVED_COMMENTS_FIELD} from '../../app/sanity/comments.server'
import * as site from '../../app/sanity/queries'
import {SITE_QUERY_TEXTS} from '../../content-lake/test/blog-dataset'

// The lake's benchmarks and planner tests run copies of the site's queries (the lake may not
// import the site): a change to the site's text that the copies miss fails here.
test.each([
  ['postPage', site.postPageQueryWith(APPROVED_COMMENTS_FIELD)],
  ['homeFirstPage', site.HOME_FIRST_PAGE_QUERY],
  ['home', site.HOME_LISTING_QUERY],
  ['categoryTerm', site.CATEGORY_TERM_QUERY],
  ['category', site.CATEGORY_LISTING_QUERY],
  ['authorTerm', site.AUTHOR_TERM_QUERY],
  ['author', site.AUTHOR_LISTING_QUERY],
  ['allTags', site.ALL_TAGS_QUERY],
  ['tag', site.TAG_LISTING_QUERY],
  ['date', site.DATE_LISTING_QUERY],
  ['search', site.SEARCH_LISTING_QUERY],
  ['postsFeed', site.FEED_POSTS_QUERY],
  ['sitemapPostCount', site.SITEMAP_POST_COUNT_QUERY],
  ['sitemapPosts', site.SITEMAP_POSTS_QUERY],
  ['sitemapArchives', site.SITEMAP_ARCHIVES_QUERY],
] as const)('the lake’s copy of the site’s %s query is the site’s text', (name, text) => {
  expect(SITE_QUERY_TEXTS[name]).toBe(text)
})
