import type {PresenceEvent} from './hub'

/**
 * The JSON-RPC 2.0 that @sanity/bifur-client speaks over Studio's socket: every request has an
 * id and is answered once with it; `presence_subscribe` answers a subscription id, and events
 * then arrive as `presence_subscription` notifications carrying it. The codes are the client's own.
 */
export const RPC_ERROR = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
} as const

export type PresenceRequest =
  | {method: 'authorization'; authorization: string}
  | {method: 'presence_subscribe'}
  | {method: 'presence_unsubscribe'; subscriptionId: string}
  | {method: 'presence_rollcall'; session: string}
  | {method: 'presence_announce'; sessionId: string; locations: unknown[]}
  | {method: 'presence_disconnect'; session: string}

type RequestId = string | number

export type ParsedRequest = {ok: true; id: RequestId; request: PresenceRequest} | {ok: false; id: RequestId | null; code: number; message: string}

// Studio's session ids are 16 characters and request ids 20; locations are a handful per tab.
const MAX_ID_LENGTH = 64
const MAX_LOCATIONS = 32

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function isShortString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH
}

function requestId(value: unknown): RequestId | null {
  if (isShortString(value)) return value
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null
}

class InvalidParams extends Error {}

function shortString(params: Record<string, unknown>, name: string): string {
  const value = params[name]
  if (!isShortString(value)) throw new InvalidParams(`"${name}" must be a string of 1 to ${MAX_ID_LENGTH} characters`)
  return value
}

function locationsOf(data: unknown): unknown[] {
  const locations = isObject(data) ? data.locations : undefined
  if (!Array.isArray(locations) || locations.length > MAX_LOCATIONS || !locations.every(isObject)) {
    throw new InvalidParams(`"data.locations" must be a list of at most ${MAX_LOCATIONS} objects`)
  }
  return locations
}

function requestOf(method: string, params: Record<string, unknown>): PresenceRequest | undefined {
  switch (method) {
    case 'authorization':
      return {method, authorization: shortLine(params.authorization)}
    case 'presence_subscribe':
      return {method}
    case 'presence_unsubscribe':
      return {method, subscriptionId: shortString(params, 'subscriptionId')}
    case 'presence_rollcall':
    case 'presence_disconnect':
      return {method, session: shortString(params, 'session')}
    case 'presence_announce':
      return {method, sessionId: shortString(isObject(params.data) ? params.data : {}, 'sessionId'), locations: locationsOf(params.data)}
    default:
      return undefined
  }
}

// `Bearer <token>`: tokens are short, so a long value is no token.
function shortLine(value: unknown): string {
  if (typeof value !== 'string' || value.length > 1024) throw new InvalidParams('"authorization" must be "Bearer <token>"')
  return value
}

/** One text frame from the client, checked: a request to act on, or the error to answer. */
export function parseRequest(text: string): ParsedRequest {
  let message: unknown
  try {
    message = JSON.parse(text)
  } catch {
    return {ok: false, id: null, code: RPC_ERROR.PARSE_ERROR, message: 'Not JSON'}
  }
  const id = isObject(message) ? requestId(message.id) : null
  if (!isObject(message) || message.jsonrpc !== '2.0' || typeof message.method !== 'string' || id === null) {
    return {ok: false, id, code: RPC_ERROR.INVALID_REQUEST, message: 'Expected a JSON-RPC 2.0 request with a method and an id'}
  }
  const params = message.params === undefined ? {} : message.params
  if (!isObject(params)) return {ok: false, id, code: RPC_ERROR.INVALID_PARAMS, message: '"params" must be an object'}
  try {
    const request = requestOf(message.method, params)
    if (!request) return {ok: false, id, code: RPC_ERROR.METHOD_NOT_FOUND, message: `No such method: ${message.method.slice(0, MAX_ID_LENGTH)}`}
    return {ok: true, id, request}
  } catch (error) {
    if (error instanceof InvalidParams) return {ok: false, id, code: RPC_ERROR.INVALID_PARAMS, message: error.message}
    throw error
  }
}

export function resultMessage(id: RequestId, result: unknown): string {
  return JSON.stringify({jsonrpc: '2.0', id, result})
}

export function errorMessage(id: RequestId | null, code: number, message: string): string {
  return JSON.stringify({jsonrpc: '2.0', id, error: {code, message}})
}

export function eventMessage(subscription: string, event: PresenceEvent): string {
  return JSON.stringify({jsonrpc: '2.0', method: 'presence_subscription', params: {subscription, result: event}})
}
