import {useRouteLoaderData} from '@remix-run/react'

/** Site settings' notices for readers, as the layout's loader rendered them (reader-notices.server.tsx). */
export interface ReaderNotices {
  /** HTML: the crisis notice beside the comment form. */
  crisis: string
  /** HTML: what a commenter who may be in crisis sees on their held comment. */
  care: string
  /** Text: not medical advice, no therapist–client relationship. */
  notAdvice: string
  /** HTML: above the form, that comments are public and how to reach the practice privately. */
  publicComments: string
  /** HTML: the practice's details and the not-advice notice. */
  footer: string
}

export function useReaderNotices(): ReaderNotices | undefined {
  return useRouteLoaderData<{notices: ReaderNotices}>('root')?.notices
}

/**
 * Markup the server rendered with React from settings it checked: placed as it is, with no
 * JavaScript of its own.
 */
export function ServerMarkup({html, ...props}: {html: string} & React.HTMLAttributes<HTMLDivElement>) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: React rendered it on the server, escaping every setting
  return <div {...props} dangerouslySetInnerHTML={{__html: html}} />
}
