import {isValidDocumentId, randomId} from '../ids'
import type {DocumentChange, SanityDocument} from '../types'
import {withArrayKeys} from './array-keys'
import {MutationError} from './errors'
import {applyPatch, PATCH_OPERATIONS, type PatchOperations} from './patch'

export type Operation = 'create' | 'update' | 'delete' | 'none'

export interface MutationResult {
  id: string
  operation: Operation
  /** The document as this mutation left it (null once deleted). */
  document: SanityDocument | null
}

export interface DocumentSource {
  get(id: string): SanityDocument | undefined
  all(): readonly SanityDocument[]
}

export interface StageOptions {
  transactionId: string
  timestamp: string
  autoGenerateArrayKeys: boolean
  /** Evaluates a mutation's GROQ `query` against the staged documents; returns the ids it selects. */
  selectIds(query: string, params: Record<string, unknown>, documents: readonly SanityDocument[]): Promise<string[]>
}

export interface StagedTransaction {
  results: MutationResult[]
  changes: DocumentChange[]
}

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function invalid(index: number, description: string): MutationError {
  return MutationError.single(400, index, 'invalidMutationError', description)
}

/**
 * Applies every mutation of one request to a staged copy of the dataset, in order, so that
 * later mutations see earlier ones. Nothing is written here: the caller commits the changes
 * (all of them or, on any error, none).
 */
export async function stageTransaction(source: DocumentSource, mutations: unknown, options: StageOptions): Promise<StagedTransaction> {
  if (!Array.isArray(mutations) || mutations.length === 0) {
    throw invalid(0, 'The request body must hold a non-empty "mutations" array')
  }
  const staged = new Map<string, SanityDocument | null>()
  const touchedBy = new Map<string, number[]>()
  let current = 0
  const results: MutationResult[] = []

  const read = (id: string): SanityDocument | null => (staged.has(id) ? staged.get(id)! : (source.get(id) ?? null))

  const write = (id: string, document: SanityDocument | null) => {
    const indexes = touchedBy.get(id) ?? []
    if (indexes.at(-1) !== current) indexes.push(current)
    touchedBy.set(id, indexes)
    staged.set(id, document)
  }

  const stagedDocuments = (): SanityDocument[] => {
    const documents = source.all().filter((doc) => !staged.has(doc._id))
    for (const doc of staged.values()) if (doc) documents.push(doc)
    return documents
  }

  const finalize = (document: SanityDocument, before: SanityDocument | null): SanityDocument => {
    const keyed = options.autoGenerateArrayKeys ? withArrayKeys(document) : document
    return {
      ...keyed,
      _createdAt: typeof document._createdAt === 'string' ? document._createdAt : (before?._createdAt ?? options.timestamp),
      _updatedAt: options.timestamp,
      _rev: options.transactionId,
    }
  }

  const selection = async (index: number, target: Json): Promise<string[]> => {
    if (typeof target.id === 'string') {
      if (!isValidDocumentId(target.id)) throw invalid(index, `Invalid document ID "${target.id}"`)
      return [target.id]
    }
    if (typeof target.query === 'string') {
      const params = isObject(target.params) ? target.params : {}
      return options.selectIds(target.query, params, stagedDocuments())
    }
    throw invalid(index, 'A delete or patch needs an "id" or a "query"')
  }

  for (const [index, mutation] of mutations.entries()) {
    current = index
    if (!isObject(mutation) || Object.keys(mutation).length !== 1) {
      throw invalid(index, 'Each mutation must be an object with exactly one operation')
    }
    const [kind, body] = Object.entries(mutation)[0]!
    if (!isObject(body)) throw invalid(index, `"${kind}" needs an object`)

    switch (kind) {
      case 'create':
      case 'createOrReplace':
      case 'createIfNotExists': {
        const document = newDocument(index, kind, body)
        const existing = read(document._id)
        if (kind === 'create' && existing) {
          throw MutationError.single(409, index, 'documentAlreadyExistsError', `Document by ID "${document._id}" already exists`, document._id)
        }
        if (kind === 'createIfNotExists' && existing) {
          results.push({id: document._id, operation: 'none', document: existing})
          break
        }
        const after = finalize(document, existing)
        write(document._id, after)
        results.push({id: document._id, operation: existing ? 'update' : 'create', document: after})
        break
      }
      case 'delete': {
        for (const id of await selection(index, body)) {
          const existed = read(id) !== null
          write(id, null)
          results.push({id, operation: existed ? 'delete' : 'none', document: null})
        }
        break
      }
      case 'patch': {
        const operations = patchOperations(index, body)
        for (const id of await selection(index, body)) {
          const before = read(id)
          if (!before) {
            throw MutationError.single(404, index, 'documentNotFoundError', `Document by ID "${id}" not found, so it cannot be patched`, id)
          }
          if (typeof body.ifRevisionID === 'string' && body.ifRevisionID !== before._rev) {
            throw MutationError.single(
              409,
              index,
              'revisionMismatchError',
              `Document by ID "${id}" has revision "${before._rev}", not the expected "${body.ifRevisionID}"`,
              id,
            )
          }
          const patched = patchDocument(index, before, operations)
          const after = finalize(patched, before)
          write(id, after)
          results.push({id, operation: 'update', document: after})
        }
        break
      }
      default:
        throw invalid(index, `Unknown mutation "${kind}"`)
    }
  }

  const changes = [...touchedBy.entries()]
    .map(([id, mutationIndexes]) => ({
      id,
      before: source.get(id) ?? null,
      after: staged.get(id) ?? null,
      mutationIndexes,
    }))
    .filter((change) => change.before !== change.after)
  return {results, changes}
}

function newDocument(index: number, kind: string, body: Json): SanityDocument {
  if (typeof body._type !== 'string' || body._type === '') {
    throw invalid(index, `The document in "${kind}" needs a "_type"`)
  }
  let id = body._id
  if (kind === 'create' && (id === undefined || (typeof id === 'string' && id.endsWith('.')))) {
    id = `${id ?? ''}${randomId()}`
  }
  if (!isValidDocumentId(id)) {
    throw invalid(index, id === undefined ? `"${kind}" needs an "_id"` : `Invalid document ID "${String(id)}"`)
  }
  return {...body, _id: id, _type: body._type}
}

function patchOperations(index: number, body: Json): PatchOperations {
  const operations: PatchOperations = {}
  for (const [key, value] of Object.entries(body)) {
    if (key === 'id' || key === 'query' || key === 'params' || key === 'ifRevisionID') continue
    if (!(PATCH_OPERATIONS as readonly string[]).includes(key)) {
      throw invalid(index, `Unknown patch operation "${key}"`)
    }
    operations[key as keyof PatchOperations] = value
  }
  return operations
}

function patchDocument(index: number, before: SanityDocument, operations: PatchOperations): SanityDocument {
  let patched: SanityDocument
  try {
    patched = applyPatch(before, operations)
  } catch (error) {
    throw invalid(index, `Invalid patch: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (patched._id !== before._id) throw invalid(index, 'A patch cannot change "_id"')
  if (typeof patched._type !== 'string' || patched._type === '') {
    throw invalid(index, 'A patch cannot remove "_type"')
  }
  return patched
}
