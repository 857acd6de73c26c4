import readline from 'node:readline'
import type {Readable} from 'node:stream'
import {isValidDocumentId, randomId} from '../ids'
import type {SanityDocument} from '../types'
import {TransferError} from './transfer-error'

/**
 * The values of an NDJSON stream, one per non-blank line, with 1-based line numbers. Reads
 * line by line, so a large export never sits in memory as one string.
 */
export async function* ndjsonValues(input: Readable): AsyncGenerator<{line: number; value: unknown}> {
  const lines = readline.createInterface({input, crlfDelay: Infinity})
  let line = 0
  for await (const raw of lines) {
    line++
    // Editors on Windows may start a file with a byte order mark, which JSON.parse rejects.
    const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw
    if (text.trim() === '') continue
    try {
      yield {line, value: JSON.parse(text)}
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error
      throw new TransferError(`Line ${line}: not valid JSON (${error.message})`)
    }
  }
}

/**
 * The document on a line, checked as the hosted import checks it. A document without `_id`
 * gets a random one, as `sanity dataset import` gives it.
 */
export function documentOnLine(value: unknown, line: number): SanityDocument {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TransferError(`Line ${line}: expected a document (a JSON object)`)
  }
  const document = value as Record<string, unknown>
  if (document._id === undefined) document._id = randomId()
  if (!isValidDocumentId(document._id)) {
    throw new TransferError(`Line ${line}: invalid _id ${JSON.stringify(document._id)}`)
  }
  if (typeof document._type !== 'string' || document._type === '') {
    throw new TransferError(`Line ${line}: document "${document._id}" has no _type`)
  }
  return document as SanityDocument
}
