/**
 * A body rendered on the server (renderBodyHtml), shown as it is. The HTML is ours: Portable
 * Text rendered by React (text escaped, links through safeLinkHref), never an author's markup.
 */
export function BodyHtml({html}: {html: string}) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered by our own components on the server (body-html.server.tsx)
  return <div className="post-body" dangerouslySetInnerHTML={{__html: html}} />
}
