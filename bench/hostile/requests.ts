import http from 'node:http'

/**
 * One request's fate, timed on the client: an answer (its status), or no answer, because the
 * server closed the connection, refused it, or let it run past the client's timeout (a hang).
 */
export interface Outcome {
  /** From sending the request to the whole answer (to the headers for streams), or to giving up. */
  ms: number
  status?: number
  failure?: 'closed' | 'refused' | 'hang'
  /** What the client saw when there was no answer (an error code), for diagnosis. */
  error?: string
  /** The answer's text, when asked for. */
  text?: string
  headers?: Headers
}

/** The short label the report counts: the status, or how the connection failed. */
export function outcomeLabel(outcome: Outcome): string {
  return outcome.failure ?? String(outcome.status)
}

function failureOf(error: unknown, timedOut: boolean): Pick<Outcome, 'failure' | 'error'> {
  if (timedOut) return {failure: 'hang'}
  const cause = ((error as {cause?: unknown})?.cause ?? error) as {code?: string; message?: string}
  const detail = cause?.code ?? cause?.message ?? String(error)
  return {failure: cause?.code === 'ECONNREFUSED' ? 'refused' : 'closed', error: detail}
}

/** Gives up after `timeoutMs`, or when the run is stopped (which counts as no answer in time). */
function deadline(timeoutMs: number, stop: AbortSignal): {signal: AbortSignal; timedOut(): boolean} {
  const timeout = AbortSignal.timeout(timeoutMs)
  return {signal: AbortSignal.any([timeout, stop]), timedOut: () => timeout.aborted || stop.aborted}
}

export interface FetchOptions {
  timeoutMs: number
  stop: AbortSignal
  /** Keep the answer's text (honest probes read it); otherwise it is read and dropped. */
  keepText?: boolean
}

/** An ordinary request through fetch, timed to the end of the answer's body. */
export async function timedFetch(url: string, init: RequestInit, {timeoutMs, stop, keepText = false}: FetchOptions): Promise<Outcome> {
  const started = performance.now()
  const {signal, timedOut} = deadline(timeoutMs, stop)
  try {
    const response = await fetch(url, {redirect: 'manual', ...init, signal})
    // Read to the end either way: the time includes the whole body.
    const text = keepText ? await response.text() : void (await response.arrayBuffer())
    return {ms: performance.now() - started, status: response.status, headers: response.headers, ...(keepText ? {text} : {})}
  } catch (error) {
    return {ms: performance.now() - started, ...failureOf(error, timedOut())}
  }
}

/**
 * A stream (server-sent events): timed to its headers, then held open for `holdMs` as a
 * listening client would, so the server keeps doing whatever work the stream costs it.
 */
export async function timedStream(url: string, init: RequestInit, holdMs: number, {timeoutMs, stop}: FetchOptions): Promise<Outcome> {
  const started = performance.now()
  const {signal, timedOut} = deadline(timeoutMs, stop)
  const hold = new AbortController()
  try {
    const response = await fetch(url, {...init, signal: AbortSignal.any([signal, hold.signal])})
    const outcome: Outcome = {ms: performance.now() - started, status: response.status, text: ''}
    const release = setTimeout(() => hold.abort(), holdMs)
    const decoder = new TextDecoder()
    try {
      // Kept to the stream's first events: enough to see whether it was refused.
      const reader = response.body!.getReader()
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        if (outcome.text!.length < 4096) outcome.text += decoder.decode(read.value, {stream: true})
      }
    } catch {
      // Ended by the hold (or the server): what was read is the outcome.
    }
    clearTimeout(release)
    return outcome
  } catch (error) {
    return {ms: performance.now() - started, ...failureOf(error, timedOut())}
  }
}

/**
 * A body as an abusive client sends it: `declaredLength` in Content-Length (none: chunked),
 * `sentLength` bytes actually sent, then the request either ends or, when `stall` is set,
 * stays open without another byte, waiting for the rest to never arrive.
 */
export interface AbusiveBody {
  declaredLength?: number
  sentLength: number
  stall?: boolean
}

const CHUNK = Buffer.alloc(64 * 1024, 'a')

function drainedOrClosed(request: http.ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      request.off('drain', done)
      request.off('close', done)
      resolve()
    }
    request.on('drain', done)
    request.on('close', done)
  })
}

/**
 * Sends an abusive body over node:http (fetch can't lie about lengths), timed to the answer's
 * headers; writing stops as soon as the server answers.
 */
export function timedAbusivePost(url: string, headers: Record<string, string>, body: AbusiveBody, {timeoutMs, stop}: FetchOptions): Promise<Outcome> {
  const started = performance.now()
  return new Promise((resolve) => {
    let settled = false
    const request = http.request(url, {
      method: 'POST',
      agent: false,
      headers: {...headers, ...(body.declaredLength === undefined ? {'transfer-encoding': 'chunked'} : {'content-length': String(body.declaredLength)})},
    })
    const finish = (outcome: Omit<Outcome, 'ms'>) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      stop.removeEventListener('abort', onStop)
      request.destroy()
      resolve({ms: performance.now() - started, ...outcome})
    }
    const onStop = () => finish({failure: 'hang'})
    const timer = setTimeout(onStop, timeoutMs)
    stop.addEventListener('abort', onStop, {once: true})
    if (stop.aborted) onStop()
    request.on('response', (response) => {
      response.resume()
      finish({status: response.statusCode})
    })
    request.on('error', (error) => finish(failureOf(error, false)))
    void (async () => {
      let sent = 0
      while (sent < body.sentLength && !settled) {
        const piece = CHUNK.subarray(0, Math.min(CHUNK.length, body.sentLength - sent))
        sent += piece.length
        if (!request.write(piece)) await drainedOrClosed(request)
      }
      if (!body.stall && !settled) request.end()
    })()
  })
}
