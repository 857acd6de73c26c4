import {PortableText, type PortableTextComponents} from '@portabletext/react'
import type {ComponentProps} from 'react'

type Blocks = ComponentProps<typeof PortableText>['value']

// Only addresses a reader can safely follow; anything else (javascript:, data:) is dropped.
const SAFE_HREF = /^(https?:|mailto:|tel:|\/|#)/i

function isExternal(href: string): boolean {
  return /^https?:/i.test(href)
}

const components: PortableTextComponents = {
  block: {
    h2: ({children}) => <h2>{children}</h2>,
    h3: ({children}) => <h3>{children}</h3>,
    blockquote: ({children}) => (
      <blockquote>
        <p>{children}</p>
      </blockquote>
    ),
  },
  marks: {
    link: ({value, children}) => {
      const href = typeof value?.href === 'string' ? value.href.trim() : ''
      if (!SAFE_HREF.test(href)) return <>{children}</>
      return (
        <a href={href} {...(isExternal(href) ? {rel: 'noopener noreferrer'} : {})}>
          {children}
        </a>
      )
    },
  },
}

export function PostBody({value}: {value: Blocks}) {
  return <PortableText value={value} components={components} />
}
