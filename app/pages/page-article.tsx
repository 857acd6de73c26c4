import type {MetaFunction} from '@remix-run/node'
import {BodyHtml} from '~/components/body-html'
import {BodyImage} from '~/components/portable-text'
import {seoMeta, siteFromMatches} from '~/lib/seo'
import type {PageView} from './page.server'

/** A page as WordPress laid it out: its title, its image and its body; no date, no byline. */
export function PageArticle({page}: {page: PageView}) {
  return (
    <article className="post page">
      <header className="post-header">
        <h1>{page.title}</h1>
      </header>
      {page.mainImageView ? <BodyImage value={page.mainImageView} eager className="post-main-image" /> : null}
      <BodyHtml html={page.bodyHtml} />
    </article>
  )
}

/** For routes whose address may also be a page's: whether their data is a page's. */
export const isPage = (data: unknown): data is {page: PageView} => typeof data === 'object' && data !== null && 'page' in data

export const pageMeta: MetaFunction<() => Promise<{page: PageView}>> = ({data, matches}) => {
  const site = siteFromMatches(matches)
  if (!data) return [{title: `Page not found | ${site.title}`}]
  const {page} = data
  return seoMeta(site, {
    title: page.title,
    description: page.excerpt,
    path: page.path,
    type: 'website',
    image: page.socialImage ? {...page.socialImage, alt: page.mainImageView?.alt} : null,
  })
}
