import {renderToStaticMarkup} from 'react-dom/server'
import {PostBody} from './portable-text'

/**
 * A post's or page's body as HTML, rendered on the server only. The page shows it as it is
 * (BodyHtml), so the Portable Text renderer never ships to the browser: the body does not
 * change in the browser, and the post page's JavaScript budget goes to the comment form.
 * `linkBase` (the site's address) makes links to other posts absolute, for feeds.
 */
export function renderBodyHtml(blocks: Parameters<typeof PostBody>[0]['value'], linkBase = ''): string {
  return renderToStaticMarkup(<PostBody value={blocks} linkBase={linkBase} />)
}
