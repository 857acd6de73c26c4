import {randomBytes} from 'node:crypto'
import {PassThrough} from 'node:stream'
import type {AppLoadContext, EntryContext, HandleErrorFunction} from '@remix-run/node'
import {createReadableStreamFromReadable} from '@remix-run/node'
import {RemixServer} from '@remix-run/react'
import {isbot} from 'isbot'
import {renderToPipeableStream} from 'react-dom/server'
import {contentSecurityPolicy, newScriptNonce} from '~/security/content-security-policy.server'
import {ScriptNonce} from '~/security/script-nonce'

/**
 * Renders pages as Remix's default does (streamed to browsers, whole to crawlers), with the
 * response's script nonce on every inline script and the policy naming it sent with the page.
 * The policy travels with the page, so a page kept by the page cache (server/page-cache.ts)
 * is always answered with the nonce its scripts carry.
 */

const ABORT_DELAY_MS = 5_000

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
): Promise<Response> {
  const nonce = loadContext.scriptNonce ?? newScriptNonce()
  // Crawlers get the whole page at once; browsers get the shell as soon as it is ready.
  const readyEvent = isbot(request.headers.get('user-agent')) ? 'onAllReady' : 'onShellReady'
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const {pipe, abort} = renderToPipeableStream(
      <ScriptNonce.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} nonce={nonce} />
      </ScriptNonce.Provider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html')
          responseHeaders.set('Content-Security-Policy', contentSecurityPolicy(nonce))
          resolve(new Response(createReadableStreamFromReadable(body), {headers: responseHeaders, status: responseStatusCode}))
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // Errors before the shell reject above and Remix logs them; these happen while streaming.
          if (shellRendered) logServerError(error, request)
        },
      },
    )
    setTimeout(abort, ABORT_DELAY_MS)
  })
}

/** Logs a failure with a short id to find it by; the reader is never shown the error itself. */
function logServerError(error: unknown, request: Request): void {
  const id = randomBytes(4).toString('hex')
  console.error(`Error ${id} (${request.method} ${new URL(request.url).pathname}):`, error)
}

export const handleError: HandleErrorFunction = (error, {request}) => {
  // A reader who left mid-request is not an error.
  if (request.signal.aborted) return
  logServerError(error, request)
}

// The server's share of the app, read from the build (see server-services.server.ts).
export * as serverServices from './server-services.server'
