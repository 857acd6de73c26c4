import {createHash} from 'node:crypto'
import type {SanityClient} from '@sanity/client'
import type {ImportReport} from './report'

/**
 * Writes imported documents so that a re-run is safe. Each document carries the hash of what
 * the importer wrote (`importedFrom.contentHash`): a document still matching its hash is the
 * importer's and may be brought up to date; one that doesn't (or has a draft, or was
 * published from the imported draft) was changed by an editor and is kept, unless
 * `overwrite`. A document the same as the export is not written at all. With `dryRun`
 * everything is decided (reading the lake) and nothing is written.
 */
export type ImportedDocument = {_id: string; _type: string} & Record<string, unknown>

const SYSTEM_FIELDS = new Set(['_rev', '_createdAt', '_updatedAt', '_originalId', '_system'])

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${stableJson(field)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** The hash of a document's content: everything but the lake's own fields and the hash itself. */
export function contentHash(document: Record<string, unknown>): string {
  const content = Object.fromEntries(Object.entries(document).filter(([key]) => !SYSTEM_FIELDS.has(key) && key !== 'importedFrom'))
  const {contentHash: _ignored, ...source} = (document.importedFrom ?? {}) as Record<string, unknown>
  return createHash('sha256').update(stableJson({content, source})).digest('base64url')
}

const otherVersion = (id: string) => (id.startsWith('drafts.') ? id.slice('drafts.'.length) : `drafts.${id}`)

export class LakeWriter {
  constructor(
    private readonly client: SanityClient,
    private readonly options: {dryRun: boolean; overwrite: boolean; report: ImportReport},
  ) {}

  private async existing(ids: string[]): Promise<Record<string, unknown>[]> {
    try {
      return await this.client.fetch<Record<string, unknown>[]>('*[_id in $ids]', {ids}, {perspective: 'raw'})
    } catch (error) {
      // A new local lake has no dataset until the first write creates it: nothing exists yet.
      if ((error as {statusCode?: unknown}).statusCode === 404) return []
      throw error
    }
  }

  /** Writes one item's documents (a post and its comments) in one transaction. */
  async write(documents: ImportedDocument[]): Promise<void> {
    if (documents.length === 0) return
    const stamped = documents.map((document) => {
      const importedFrom = {source: 'wordpress', ...(document.importedFrom as object | undefined)}
      const withSource = {...document, importedFrom}
      return {...withSource, importedFrom: {...importedFrom, contentHash: contentHash(withSource)}}
    })
    const ids = stamped.flatMap((document) => [document._id, otherVersion(document._id)])
    const existing = new Map((await this.existing(ids)).map((document) => [document._id as string, document]))
    const transaction = this.client.transaction()
    let writes = 0
    for (const document of stamped) {
      const current = existing.get(document._id)
      const other = existing.get(otherVersion(document._id))
      if (!current && !other) {
        transaction.createIfNotExists(document)
        writes += 1
        this.options.report.wrote('created')
        continue
      }
      const storedHash = (current?.importedFrom as {contentHash?: string} | undefined)?.contentHash
      const edited = !!other || !current || contentHash(current) !== storedHash
      if (edited && !this.options.overwrite) {
        this.options.report.wrote('kept')
        continue
      }
      if (!edited && storedHash === document.importedFrom.contentHash) {
        this.options.report.wrote('unchanged')
        continue
      }
      transaction.createOrReplace(document)
      if (other && this.options.overwrite) transaction.delete(otherVersion(document._id))
      writes += 1
      this.options.report.wrote('updated')
    }
    if (writes > 0 && !this.options.dryRun) await transaction.commit({visibility: 'async'})
  }
}
