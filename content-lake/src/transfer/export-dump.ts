import fs from 'node:fs'
import fsp from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {Readable} from 'node:stream'
import {pipeline} from 'node:stream/promises'
import * as tar from 'tar'
import {AssetStore} from '../assets/asset-store'
import {isDraftId, isVersionId} from '../ids'
import type {Access, ContentLake} from '../lake'
import type {SanityDocument} from '../types'
import {archiveAssetReferences, archivedAsset, referencedAssetIds, stripAssetFields} from './asset-fields'
import {TransferError} from './transfer-error'

export interface ExportOptions {
  dataset: string
  /** Only documents of these types; all when empty. */
  types: readonly string[]
  drafts: boolean
  /** Without assets, asset documents and every field that refers to one are left out. */
  assets: boolean
  /** Documents exactly as stored: asset documents included, references not rewritten, no files. */
  raw: boolean
}

export interface ExportSummary {
  documents: number
  /** Asset files written into the archive. */
  assets: number
  /** Assets referred to whose document or file is missing: their references were kept as they are. */
  missingAssets: string[]
}

// Exports read everything and write nothing, as a viewer's token would.
const EXPORTER: Access = {identity: 'export', role: 'viewer', canWrite: false, canReadPrivate: true}
const ASSET_TYPES = new Set(['sanity.imageAsset', 'sanity.fileAsset'])
// Asset fields that the asset's id, path and URL already say; `sanity dataset export` leaves them out of assets.json.
const DERIVED_ASSET_FIELDS = new Set(['_id', '_type', 'assetId', 'extension', 'mimeType', 'path', 'url'])

/** Which stored documents an export holds, by the rules of `sanity dataset export`. */
function isExported(document: SanityDocument, {types, drafts}: ExportOptions): boolean {
  if (!drafts && (isDraftId(document._id) || isVersionId(document._id))) return false
  // System documents stay behind, except content releases when drafts go along.
  if (document._id.startsWith('_.') && !(drafts && document._id.startsWith('_.releases.'))) return false
  return types.length === 0 || types.includes(document._type)
}

function archiveName(output: string): string | undefined {
  const match = /^(?<name>.+)\.(?:tar\.gz|tgz)$/i.exec(path.basename(output))
  return match?.groups?.name
}

async function writeNdjson(file: string, {documents, rewrite}: Pick<Plan, 'documents' | 'rewrite'>): Promise<void> {
  // A generator read by a stream: each document is rewritten and written when the file is
  // ready for more, so the export never holds a second copy of the dataset.
  function* lines() {
    for (const document of documents) yield `${JSON.stringify(rewrite(document))}\n`
  }
  await pipeline(Readable.from(lines()), fs.createWriteStream(file))
}

interface Plan {
  documents: SanityDocument[]
  /** What a document becomes in the export. */
  rewrite: (document: SanityDocument) => SanityDocument
  /** Asset documents whose files go into the archive, by id. */
  archived: Map<string, SanityDocument>
  missingAssets: string[]
}

/** Writes the file aside and renames it, so an interrupted export never leaves a truncated file behind. */
async function writeAtomically(output: string, write: (file: string) => Promise<void>): Promise<void> {
  const partial = `${output}.partial`
  try {
    await write(partial)
    await fsp.rename(partial, output)
  } catch (error) {
    await fsp.rm(partial, {force: true})
    throw error
  }
}

async function planExport(lake: ContentLake, options: ExportOptions): Promise<Plan> {
  const stored = (await lake.query(options.dataset, {query: '*', params: {}, perspective: 'raw'}, EXPORTER)) as SanityDocument[]
  const selected = stored.filter((document) => isExported(document, options))
  if (options.raw) return {documents: selected, rewrite: (document) => document, archived: new Map(), missingAssets: []}
  const content = selected.filter((document) => !ASSET_TYPES.has(document._type))
  if (!options.assets) return {documents: content, rewrite: stripAssetFields, archived: new Map(), missingAssets: []}

  // Every referenced asset, and every selected asset document even if nothing refers to it.
  const wanted = new Set(selected.filter((document) => ASSET_TYPES.has(document._type)).map((document) => document._id))
  for (const document of content) for (const id of referencedAssetIds(document)) wanted.add(id)
  const store = new AssetStore(lake.config.dataDir)
  const archived = new Map<string, SanityDocument>()
  const missingAssets: string[] = []
  for (const document of lake.getDocuments(options.dataset, [...wanted], EXPORTER).documents) {
    const asset = archivedAsset(document._id)
    if (asset && (await store.has(options.dataset, asset.sha1, asset.extension))) archived.set(document._id, document)
  }
  for (const id of wanted) if (!archived.has(id)) missingAssets.push(id)
  return {
    documents: content,
    rewrite: (document) => archiveAssetReferences(document, (id) => archived.has(id)),
    archived,
    missingAssets,
  }
}

async function writeArchive(lake: ContentLake, output: string, name: string, dataset: string, plan: Plan): Promise<void> {
  const staging = await fsp.mkdtemp(path.join(os.tmpdir(), 'content-lake-export-'))
  try {
    const folder = path.join(staging, name)
    await fsp.mkdir(folder)
    await writeNdjson(path.join(folder, 'data.ndjson'), plan)
    const store = new AssetStore(lake.config.dataDir)
    const metadata: Record<string, Record<string, unknown>> = {}
    for (const document of plan.archived.values()) {
      const asset = archivedAsset(document._id)!
      const target = path.join(folder, asset.archivePath)
      await fsp.mkdir(path.dirname(target), {recursive: true})
      await fsp.copyFile(store.file(dataset, asset.sha1, asset.extension), target)
      const fields = Object.fromEntries(Object.entries(document).filter(([key]) => !DERIVED_ASSET_FIELDS.has(key)))
      if (Object.keys(fields).length > 0) metadata[`${asset.kind}-${asset.sha1}`] = fields
    }
    if (Object.keys(metadata).length > 0) await fsp.writeFile(path.join(folder, 'assets.json'), JSON.stringify(metadata))
    await tar.c({gzip: true, file: output, cwd: staging, portable: true}, [name])
  } finally {
    await fsp.rm(staging, {recursive: true, force: true})
  }
}

/**
 * Exports a dataset of a lake that this process owns in the format `sanity dataset import`
 * reads: a `.tar.gz` (`<name>/data.ndjson`, `images/`, `files/`, `assets.json`), or plain
 * NDJSON when the file name ends in anything else and no asset files have to go along.
 */
export async function exportDump(lake: ContentLake, output: string, options: ExportOptions): Promise<ExportSummary> {
  const exported = await planExport(lake, options)
  const name = archiveName(output)
  if (name) {
    await writeAtomically(output, (file) => writeArchive(lake, file, name, options.dataset, exported))
  } else if (exported.archived.size > 0) {
    throw new TransferError(
      `Dataset "${options.dataset}" has ${exported.archived.size} asset file(s) to export, and plain NDJSON cannot hold them. ` +
        'Export to a .tar.gz, or use --no-assets (leave assets out) or --raw (keep asset references as they are).',
    )
  } else {
    await writeAtomically(output, (file) => writeNdjson(file, exported))
  }
  return {documents: exported.documents.length, assets: exported.archived.size, missingAssets: exported.missingAssets}
}
