import type {ShouldRevalidateFunction} from '@remix-run/react'

/**
 * A form that was refused (4xx) or failed (5xx) changed nothing, so the page's data need not
 * be read again; and with the Content Lake down, reading it again would replace the page, and
 * the reader's text in its form, with the error page.
 */
export const keepDataAfterFailedAction: ShouldRevalidateFunction = ({actionStatus, defaultShouldRevalidate}) =>
  actionStatus !== undefined && actionStatus >= 400 ? false : defaultShouldRevalidate
