import {getPublicClient} from './client.server'

export interface ContentChangeHandlers {
  /** Connected (again): anything may have changed while away. */
  onLive(): void
  /** Published content changed. */
  onChange(): void
  /** The stream dropped; it is being re-established. */
  onLost(): void
}

const RESUBSCRIBE_MS = 2000

/**
 * Follows every change to published content through the Content Lake's listen stream (the
 * same on the local lake and on Sanity's hosted API). Returns a function that stops it.
 */
export function watchContentChanges(handlers: ContentChangeHandlers): () => void {
  let subscription: {unsubscribe(): void} | undefined
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  const subscribe = () => {
    subscription = getPublicClient()
      .listen('*', {}, {events: ['welcome', 'mutation', 'reconnect'], includeResult: false, visibility: 'query', tag: 'site.page-cache'})
      .subscribe({
        next: (event) => {
          if (event.type === 'welcome') handlers.onLive()
          else if (event.type === 'mutation') handlers.onChange()
          else if (event.type === 'reconnect') handlers.onLost()
        },
        error: () => {
          handlers.onLost()
          if (!stopped) timer = setTimeout(subscribe, RESUBSCRIBE_MS)
        },
      })
  }
  subscribe()
  return () => {
    stopped = true
    clearTimeout(timer)
    subscription?.unsubscribe()
  }
}
