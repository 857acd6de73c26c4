import fs from 'node:fs'
import {validateHeaderName, validateHeaderValue} from 'node:http'
import {type ExprNode, parse} from 'groq-js'
import {isValidDatasetName} from '../store/datasets'

/** Sanity's three triggers: a document came into existence, changed, or went away. */
export type WebhookOperation = 'create' | 'update' | 'delete'

export const WEBHOOK_OPERATIONS: readonly WebhookOperation[] = ['create', 'update', 'delete']

const HTTP_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE', 'GET'] as const
export type WebhookMethod = (typeof HTTP_METHODS)[number]

/** One webhook, validated, with its GROQ parsed once (in delta mode, for before()/after()). */
export interface Webhook {
  name: string
  url: URL
  /** Only this dataset's changes; every dataset when absent. */
  dataset?: string
  /** Null: every document, as Sanity does with an empty filter. */
  filter: ExprNode | null
  /** Null: the whole document is the body. */
  projection: ExprNode | null
  on: ReadonlySet<WebhookOperation>
  /** Drafts and other ids with a dot (except versions). */
  includeDrafts: boolean
  /** Release versions (`versions.<release>.<id>`). */
  includeAllVersions: boolean
  httpMethod: WebhookMethod
  headers: Readonly<Record<string, string>>
  secret?: string
  /** Attempts per delivery, the first one included. */
  maxAttempts: number
  /** How long one attempt may take before it counts as a network failure. */
  timeoutMs: number
}

export class WebhookConfigError extends Error {
  override name = 'WebhookConfigError'
}

const FIELDS = new Set([
  'name',
  'description',
  'url',
  'dataset',
  'filter',
  'projection',
  'on',
  'includeDrafts',
  'includeAllVersions',
  'httpMethod',
  'headers',
  'secret',
  'apiVersion',
  'maxAttempts',
  'timeoutMs',
])

// Headers the lake sets itself on every delivery: a static header must not contradict them.
const RESERVED_HEADERS = new Set(['content-type', 'content-length', 'host', 'connection', 'transfer-encoding', 'user-agent', 'idempotency-key'])

// Delta GROQ (before(), after(), delta::) exists from this API version on.
const FIRST_DELTA_API_VERSION = '2021-03-25'
const API_VERSION = /^v?(\d{4}-\d{2}-\d{2})$/

const NAME = /^[\x20-\x7e]{1,100}$/

type Fields = Record<string, unknown>

/** Reads `CONTENT_LAKE_WEBHOOKS_FILE`: a JSON array of webhooks. */
export function loadWebhooks(file: string): Webhook[] {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    throw new WebhookConfigError(`cannot be read: ${error instanceof Error ? error.message : String(error)}`)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new WebhookConfigError(`is not valid JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  return parseWebhooks(value)
}

export function parseWebhooks(value: unknown): Webhook[] {
  if (!Array.isArray(value)) throw new WebhookConfigError('must hold a JSON array of webhooks')
  const webhooks = value.map((item, index) => parseWebhook(item, index))
  const seen = new Set<string>()
  for (const webhook of webhooks) {
    // The name is the webhook's id in logs and in the sanity-webhook-id header.
    if (seen.has(webhook.name)) throw new WebhookConfigError(`webhook "${webhook.name}": name is used by more than one webhook`)
    seen.add(webhook.name)
  }
  return webhooks
}

function parseWebhook(item: unknown, index: number): Webhook {
  const label = `webhook number ${index + 1}`
  if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new WebhookConfigError(`${label} must be an object`)
  const fields = item as Fields
  if (typeof fields.name !== 'string' || !NAME.test(fields.name) || fields.name.trim() === '') {
    throw new WebhookConfigError(`${label}: name must be 1 to 100 printable ASCII characters`)
  }
  const name = fields.name
  const fail: Fail = (field, message) => {
    throw new WebhookConfigError(`webhook "${name}": ${field} ${message}`)
  }
  for (const key of Object.keys(fields)) {
    if (!FIELDS.has(key)) fail(key, `is not a webhook field (known fields: ${[...FIELDS].join(', ')})`)
  }
  if (fields.description !== undefined && typeof fields.description !== 'string') fail('description', 'must be a string')
  apiVersion(fields.apiVersion, fail)
  const dataset = optionalString(fields, 'dataset', fail)
  if (dataset !== undefined && !isValidDatasetName(dataset))
    fail('dataset', `must be a dataset name (lower-case letters, digits, "_" and "-"), got "${dataset}"`)
  const secret = optionalString(fields, 'secret', fail)
  if (secret === '') fail('secret', 'must not be empty')
  return {
    name,
    url: url(fields.url, fail),
    ...(dataset === undefined ? {} : {dataset}),
    filter: groq(fields, 'filter', fail),
    projection: groq(fields, 'projection', fail),
    on: operations(fields.on, fail),
    includeDrafts: flag(fields, 'includeDrafts', fail),
    includeAllVersions: flag(fields, 'includeAllVersions', fail),
    httpMethod: method(fields.httpMethod, fail),
    headers: headers(fields.headers, fail),
    ...(secret === undefined ? {} : {secret}),
    maxAttempts: integer(fields, 'maxAttempts', {min: 1, max: 20, fallback: 8}, fail),
    timeoutMs: integer(fields, 'timeoutMs', {min: 100, max: 120_000, fallback: 10_000}, fail),
  }
}

type Fail = (field: string, message: string) => never

function optionalString(fields: Fields, field: string, fail: Fail): string | undefined {
  const value = fields[field]
  if (value === undefined) return undefined
  if (typeof value !== 'string') fail(field, 'must be a string')
  return value as string
}

function flag(fields: Fields, field: string, fail: Fail): boolean {
  const value = fields[field] ?? false
  if (typeof value !== 'boolean') fail(field, 'must be true or false')
  return value as boolean
}

function integer(fields: Fields, field: string, {min, max, fallback}: {min: number; max: number; fallback: number}, fail: Fail): number {
  const value = fields[field] ?? fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(field, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`)
  }
  return value as number
}

function url(value: unknown, fail: Fail): URL {
  if (typeof value !== 'string') return fail('url', 'must be an absolute http(s) URL')
  let parsed: URL
  try {
    parsed = new URL(value)
  } catch {
    return fail('url', `must be an absolute http(s) URL, got "${value}"`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') fail('url', `must be an http(s) URL, got "${value}"`)
  return parsed
}

function groq(fields: Fields, field: 'filter' | 'projection', fail: Fail): ExprNode | null {
  const source = fields[field]
  if (source === undefined || source === null) return null
  if (typeof source !== 'string') return fail(field, 'must be a GROQ string')
  if (source.trim() === '') return null
  let tree: ExprNode
  try {
    tree = parse(source, {mode: 'delta'})
  } catch (error) {
    return fail(field, `is not valid GROQ: ${error instanceof Error ? error.message : String(error)}`)
  }
  // Webhook filters are tested on one document at a time: a whole query would always be null.
  if (field === 'filter' && (tree.type === 'Everything' || (tree.type === 'Filter' && tree.base.type === 'Everything'))) {
    fail(field, 'must be the expression inside *[…], e.g. _type == "post", not a whole query')
  }
  return tree
}

function operations(value: unknown, fail: Fail): ReadonlySet<WebhookOperation> {
  if (value === undefined) return new Set(WEBHOOK_OPERATIONS)
  const valid = Array.isArray(value) && value.length > 0 && value.every((item) => WEBHOOK_OPERATIONS.includes(item as WebhookOperation))
  if (!valid) fail('on', `must be a non-empty array of ${WEBHOOK_OPERATIONS.map((op) => `"${op}"`).join(', ')}`)
  return new Set(value as WebhookOperation[])
}

function method(value: unknown, fail: Fail): WebhookMethod {
  if (value === undefined) return 'POST'
  if (!HTTP_METHODS.includes(value as WebhookMethod)) fail('httpMethod', `must be one of ${HTTP_METHODS.join(', ')}, got ${JSON.stringify(value)}`)
  return value as WebhookMethod
}

function headers(value: unknown, fail: Fail): Record<string, string> {
  if (value === undefined) return {}
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('headers', 'must be an object of header names to string values')
  const result: Record<string, string> = {}
  for (const [name, headerValue] of Object.entries(value)) {
    const lower = name.toLowerCase()
    if (RESERVED_HEADERS.has(lower) || lower.startsWith('sanity-')) fail(`headers["${name}"]`, 'is set by the lake on every delivery')
    if (typeof headerValue !== 'string') fail(`headers["${name}"]`, 'must be a string')
    try {
      validateHeaderName(name)
      validateHeaderValue(name, headerValue)
    } catch {
      fail(`headers["${name}"]`, 'is not a valid HTTP header name and value')
    }
    result[lower] = headerValue as string
  }
  return result
}

// Accepted for configurations copied from Sanity; groq-js evaluates every version alike.
function apiVersion(value: unknown, fail: Fail): void {
  if (value === undefined) return
  const match = typeof value === 'string' ? API_VERSION.exec(value) : null
  if (!match) return fail('apiVersion', `must look like "v2021-03-25", got ${JSON.stringify(value)}`)
  if (match[1]! < FIRST_DELTA_API_VERSION) fail('apiVersion', `must be v${FIRST_DELTA_API_VERSION} or later: webhook GROQ needs delta mode`)
}
