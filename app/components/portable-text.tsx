import {PortableText, type PortableTextBlockComponent, type PortableTextComponents} from '@portabletext/react'
import {headingAnchors} from '~/lib/heading-anchors'
import {BODY_LINK_SCHEMES, isWebLink, safeLinkHref} from '~/lib/safe-link'
import type {ResponsiveImage} from '~/lib/sanity-image'

type Blocks = {_type: string; _key?: string; style?: string; [field: string]: unknown}[]

// The column is 40rem at most; below that the image spans the page less its padding.
const IMAGE_SIZES = '(min-width: 45rem) 40rem, calc(100vw - 2.5rem)'

/**
 * An image with its `responsive` sizes prepared on the server (see prepareBody): an image block
 * in the body, or the post's main image (`eager`: it is at the top of the page, so it loads at
 * once rather than lazily).
 */
export function BodyImage({
  value,
  eager = false,
  className = 'body-image',
}: {
  value: {alt?: string | null; caption?: string | null; responsive?: ResponsiveImage | null}
  eager?: boolean
  className?: string
}) {
  const image = value.responsive
  if (!image) return null
  return (
    <figure className={className}>
      <img
        src={image.src}
        srcSet={image.srcSet}
        sizes={IMAGE_SIZES}
        width={image.width}
        height={image.height}
        alt={value.alt ?? ''}
        loading={eager ? 'eager' : 'lazy'}
        decoding="async"
        // The blurred preview shows in the reserved box until the image arrives.
        style={image.placeholder ? {backgroundImage: `url("${image.placeholder}")`} : undefined}
      />
      {value.caption ? <figcaption>{value.caption}</figcaption> : null}
    </figure>
  )
}

const EMBED_NAMES: Record<string, string> = {youtube: 'YouTube', vimeo: 'Vimeo', x: 'X'}

type ImageValue = Parameters<typeof BodyImage>[0]['value'] & {_key?: string}

/** WordPress's gallery: its images in a grid, each with its caption. */
function Gallery({value}: {value: {images?: ImageValue[]}}) {
  return (
    <div className="body-gallery">
      {(value.images ?? []).map((image, index) => (
        <BodyImage key={image._key ?? index} value={image} />
      ))}
    </div>
  )
}

/** A video or post from another site, as a link to it: the page loads nothing from elsewhere. */
function Embed({value}: {value: {url?: string; provider?: string}}) {
  const href = safeLinkHref(value.url)
  if (!href) return null
  const name = EMBED_NAMES[value.provider ?? ''] ?? 'another site'
  return (
    <p className="body-embed">
      <a href={href} rel="noopener noreferrer">
        {`Watch or read on ${name}: ${href}`}
      </a>
    </p>
  )
}

function Table({value}: {value: {rows?: {_key?: string; cells?: string[]}[]}}) {
  return (
    <div className="body-table">
      <table>
        <tbody>
          {(value.rows ?? []).map((row, index) => (
            <tr key={row._key ?? index}>
              {(row.cells ?? []).map((cell, column) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a cell's column is its identity
                <td key={column}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function components(anchors: Map<string, string>, linkBase: string): PortableTextComponents {
  const heading = (Tag: 'h2' | 'h3'): PortableTextBlockComponent =>
    function Heading({value, children}) {
      const id = value._key ? anchors.get(value._key) : undefined
      if (!id) return <Tag>{children}</Tag>
      return (
        <Tag id={id}>
          <a className="heading-anchor" href={`#${id}`}>
            {children}
          </a>
        </Tag>
      )
    }
  return {
    block: {
      h2: heading('h2'),
      h3: heading('h3'),
      blockquote: ({children}) => (
        <blockquote>
          <p>{children}</p>
        </blockquote>
      ),
    },
    types: {
      image: BodyImage,
      gallery: Gallery,
      embed: Embed,
      table: Table,
      code: ({value}: {value: {code?: string; language?: string}}) => (
        <pre className="body-code">
          <code>{value.code ?? ''}</code>
        </pre>
      ),
      separator: () => <hr />,
    },
    marks: {
      link: ({value, children}) => {
        // Only what Studio allows (web, email, phone); anything else (javascript:, data:) is plain text.
        const href = safeLinkHref(value?.href, BODY_LINK_SCHEMES)
        if (!href) return <>{children}</>
        return (
          <a href={href} {...(isWebLink(href) ? {rel: 'noopener noreferrer'} : {})}>
            {children}
          </a>
        )
      },
      // Resolved to the linked post's address on the server; a vanished post leaves plain text.
      // A plain <a>, so the same markup works in feeds, outside the router.
      internalLink: ({value, children}) => (typeof value?.href === 'string' ? <a href={`${linkBase}${value.href}`}>{children}</a> : children),
    },
  }
}

/** A post's body. `linkBase` (the site's address) makes links to other posts absolute, for feeds. */
export function PostBody({value, linkBase = ''}: {value: Blocks; linkBase?: string}) {
  const anchors = headingAnchors(value)
  return <PortableText value={value} components={components(anchors, linkBase)} />
}
