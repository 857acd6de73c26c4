import {createHash} from 'node:crypto'
import fsp from 'node:fs/promises'
import {isIPv6} from 'node:net'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {AssetKind} from '../assets/asset-names'
import type {MetadataPart} from '../assets/image-metadata'
import {uploadAsset, type UploadOptions} from '../assets/upload'
import type {Access, ContentLake, ImportMode} from '../lake'
import type {SanityDocument} from '../types'
import {parseSanityAsset, resolveSanityAssets, sanityAssetValues} from './asset-fields'
import {openImportSource, type ImportSource} from './import-source'
import {documentOnLine, ndjsonValues} from './ndjson'
import {TransferError} from './transfer-error'

export interface ImportSummary {
  written: number
  skipped: number
  /** Asset files stored (or found already stored) and given asset documents. */
  assets: number
}

// Imports run as the lake's own administrator: there is no request and no token.
const IMPORTER: Access = {identity: 'import', role: 'administrator', canWrite: true, canReadPrivate: true}
const METADATA: ReadonlySet<MetadataPart> = new Set<MetadataPart>(['lqip', 'palette'])
const LISTED = 5

function listed(items: readonly string[]): string {
  return items.slice(0, LISTED).join('; ') + (items.length > LISTED ? `; and ${items.length - LISTED} more` : '')
}

interface Parsed {
  documents: SanityDocument[]
  lines: number[]
}

async function readDocuments(source: ImportSource): Promise<Parsed> {
  const parsed: Parsed = {documents: [], lines: []}
  for await (const {line, value} of ndjsonValues(source.open())) {
    parsed.documents.push(documentOnLine(value, line))
    parsed.lines.push(line)
  }
  return parsed
}

interface AssetToStore {
  kind: AssetKind
  file: string
}

// The same file may be stored once as an image and once as a file, as Sanity's import does.
function keyOf({kind, file}: AssetToStore): string {
  return `${kind}#${file}`
}

/** The file a `_sanityAsset` URL names, or `remote` for http(s). */
function assetFile(url: string, baseDir: string, confined: boolean): string | 'remote' | undefined {
  if (/^https?:\/\//i.test(url)) return 'remote'
  let file: string
  if (url.startsWith('file://./')) file = path.resolve(baseDir, decodeURIComponent(url.slice('file://./'.length)))
  else if (url.startsWith('file:///')) file = fileURLToPath(url)
  else return undefined
  // An archive is self-contained: its paths may not reach the rest of the machine.
  const relative = path.relative(baseDir, file)
  if (confined && (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative))) return undefined
  return file
}

/** Every asset the import has to store, by `keyOf`, after checking each `_sanityAsset`. */
async function assetsToStore(source: ImportSource, {documents, lines}: Parsed): Promise<Map<string, AssetToStore>> {
  const assets = new Map(source.assetFiles.map((asset) => [keyOf(asset), asset]))
  const remote: string[] = []
  for (const [index, document] of documents.entries()) {
    for (const value of sanityAssetValues(document)) {
      const pointer = typeof value === 'string' ? parseSanityAsset(value) : undefined
      const file = pointer && assetFile(pointer.url, source.baseDir, source.confined)
      if (!pointer || !file) throw new TransferError(`Line ${lines[index]}: invalid _sanityAsset ${JSON.stringify(value)}`)
      if (file === 'remote') remote.push(`line ${lines[index]}: ${pointer.url}`)
      else assets.set(keyOf({kind: pointer.kind, file}), {kind: pointer.kind, file})
    }
  }
  if (remote.length > 0) {
    throw new TransferError(
      `${remote.length} asset field(s) point to http(s) URLs, and this lake imports offline (${listed(remote)}). ` +
        'Download the files and refer to them as file:// paths, or import the .tar.gz that `sanity dataset export` writes. Nothing was imported.',
    )
  }
  const missing: string[] = []
  for (const {file} of assets.values()) {
    const stats = await fsp.stat(file).catch(() => undefined)
    if (!stats?.isFile()) missing.push(file)
  }
  if (missing.length > 0) {
    throw new TransferError(`${missing.length} asset file(s) not found (${listed(missing)}). Nothing was imported.`)
  }
  return assets
}

/** Fails before anything is written, as `create` would fail in the middle of it. */
function checkCreatable(lake: ContentLake, dataset: string, {documents, lines}: Parsed): void {
  const seen = new Map<string, number>()
  for (const [index, document] of documents.entries()) {
    const first = seen.get(document._id)
    if (first !== undefined) {
      throw new TransferError(`Line ${lines[index]}: document "${document._id}" already appears on line ${first}. Nothing was imported.`)
    }
    seen.set(document._id, lines[index]!)
  }
  const existing = lake.getDocuments(dataset, [...seen.keys()], IMPORTER).documents.map((document) => document._id)
  if (existing.length > 0) {
    throw new TransferError(
      `${existing.length} document(s) already exist in dataset "${dataset}" (${listed(existing)}). Nothing was imported. ` +
        'Use --replace to overwrite existing documents or --missing to skip them.',
    )
  }
}

function text(metadata: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = metadata?.[name]
  return typeof value === 'string' ? value : undefined
}

/** The asset's own fields from the archive's `assets.json`, so the new asset document keeps them. */
function uploadOptions(metadata: Record<string, unknown> | undefined, file: string): UploadOptions {
  const source = metadata?.source as {id?: unknown; name?: unknown; url?: unknown} | undefined
  return {
    filename: text(metadata, 'originalFilename') ?? path.basename(file),
    label: text(metadata, 'label'),
    title: text(metadata, 'title'),
    description: text(metadata, 'description'),
    creditLine: text(metadata, 'creditLine'),
    ...(typeof source?.id === 'string' && typeof source.name === 'string'
      ? {source: {id: source.id, name: source.name, ...(typeof source.url === 'string' ? {url: source.url} : {})}}
      : {}),
    metadata: METADATA,
  }
}

/** Stores each asset file as an upload would; answers the asset document ids by `keyOf`. */
async function storeAssets(lake: ContentLake, dataset: string, source: ImportSource, assets: Map<string, AssetToStore>): Promise<Map<string, string>> {
  const target = {lake, access: IMPORTER, dataset, baseUrl: baseUrl(lake)}
  const ids = new Map<string, string>()
  for (const [key, {kind, file}] of assets) {
    const bytes = await fsp.readFile(file)
    const sha1 = createHash('sha1').update(bytes).digest('hex')
    const document = await uploadAsset(kind, bytes, uploadOptions(source.assetMetadata[`${kind}-${sha1}`], file), target)
    ids.set(key, document._id)
  }
  return ids
}

function baseUrl(lake: ContentLake): string {
  const {publicUrl, host, port} = lake.config
  return publicUrl ?? `http://${isIPv6(host) ? `[${host}]` : host}:${port}`
}

/**
 * Imports an export of `sanity dataset export` into a dataset of a lake that this process
 * owns: checks every line and asset first, stores the assets, then writes every document in
 * one transaction. References are written as they are: the lake does not enforce them, so
 * there is no weak-then-strong second pass.
 */
export async function importDump(
  lake: ContentLake,
  file: string,
  {dataset, mode, log = () => {}}: {dataset: string; mode: ImportMode; log?: (line: string) => void},
): Promise<ImportSummary> {
  const source = await openImportSource(file)
  try {
    const parsed = await readDocuments(source)
    log(`Read ${parsed.documents.length} document(s) from ${file}.`)
    const assets = await assetsToStore(source, parsed)
    // Importing is one of the ways a dataset comes into being.
    lake.createDataset(dataset)
    if (mode === 'create') checkCreatable(lake, dataset, parsed)

    if (assets.size > 0) log(`Storing ${assets.size} asset file(s)…`)
    const assetIds = await storeAssets(lake, dataset, source, assets)
    const documents = parsed.documents.map((document) =>
      sanityAssetValues(document).length === 0
        ? document
        : resolveSanityAssets(document, (value) => {
            // Every value was checked by assetsToStore.
            const {kind, url} = parseSanityAsset(value)!
            return assetIds.get(keyOf({kind, file: assetFile(url, source.baseDir, source.confined) as string}))!
          }),
    )
    try {
      return {...lake.importDocuments(dataset, documents, {mode, systemFields: true}), assets: assets.size}
    } catch (error) {
      throw new TransferError(`Nothing was imported: ${(error as Error).message}`)
    }
  } finally {
    await source.close()
  }
}
