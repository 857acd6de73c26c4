import {createHash} from 'node:crypto'
import path from 'node:path'
import type {Access, ContentLake} from '../lake'
import type {SanityDocument} from '../types'
import {fileAssetId, fileAssetPath, imageAssetId, imageAssetPath, isAssetExtension, type AssetKind} from './asset-names'
import {AssetStore} from './asset-store'
import {readImage, type MetadataPart} from './image-metadata'

export interface UploadOptions {
  filename?: string
  label?: string
  title?: string
  description?: string
  creditLine?: string
  source?: {id: string; name: string; url?: string}
  /** The optional image metadata to compute. */
  metadata: ReadonlySet<MetadataPart>
  /** The request's `Content-Type`: a file's MIME type when it says more than "bytes". */
  contentType?: string
}

export interface UploadTarget {
  lake: ContentLake
  access: Access
  dataset: string
  /** Where clients reach the lake: asset documents carry absolute URLs. */
  baseUrl: string
}

const GENERIC_CONTENT_TYPES = new Set(['application/octet-stream', 'application/x-www-form-urlencoded'])

// Enough to name the common files a blog carries; anything else keeps its own extension.
const MIME_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  zip: 'application/zip',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  webm: 'video/webm',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

function fileType(filename: string | undefined, contentType: string | undefined): {extension: string; mimeType: string} {
  const declared = contentType?.split(';')[0]?.trim().toLowerCase()
  const mimeType = declared && !GENERIC_CONTENT_TYPES.has(declared) ? declared : undefined
  const named = filename ? path.extname(filename).slice(1).toLowerCase() : ''
  const extension = isAssetExtension(named) ? named : (Object.keys(MIME_TYPES).find((candidate) => MIME_TYPES[candidate] === mimeType) ?? 'bin')
  return {extension, mimeType: mimeType ?? MIME_TYPES[extension] ?? 'application/octet-stream'}
}

function describedBy(options: UploadOptions): Record<string, unknown> {
  const {filename, label, title, description, creditLine, source} = options
  return Object.fromEntries(
    Object.entries({originalFilename: filename, label, title, description, creditLine, source}).filter(([, value]) => value !== undefined),
  )
}

async function assetDocument(
  kind: AssetKind,
  bytes: Buffer,
  sha1: string,
  options: UploadOptions,
  {lake, dataset, baseUrl}: UploadTarget,
): Promise<SanityDocument & {extension: string}> {
  const {projectId} = lake.config
  const common = {assetId: sha1, sha1hash: sha1}
  if (kind === 'file') {
    const {extension, mimeType} = fileType(options.filename, options.contentType)
    const assetPath = fileAssetPath(projectId, dataset, {sha1, extension})
    return {
      _id: fileAssetId({sha1, extension}),
      _type: 'sanity.fileAsset',
      ...common,
      extension,
      mimeType,
      size: bytes.length,
      ...describedBy(options),
      path: assetPath,
      url: `${baseUrl}/${assetPath}`,
    }
  }
  const {extension, mimeType, metadata} = await readImage(bytes, options.metadata)
  const name = {sha1, width: metadata.dimensions.width, height: metadata.dimensions.height, extension}
  const assetPath = imageAssetPath(projectId, dataset, name)
  return {
    _id: imageAssetId(name),
    _type: 'sanity.imageAsset',
    ...common,
    extension,
    mimeType,
    size: bytes.length,
    ...describedBy(options),
    path: assetPath,
    url: `${baseUrl}/${assetPath}`,
    metadata,
  }
}

/**
 * Stores an uploaded image or file and returns its asset document. The same bytes give the
 * same asset, whatever they are called. The bytes are on disk before the document commits, so
 * a committed asset document always has its file.
 */
export async function uploadAsset(kind: AssetKind, bytes: Buffer, options: UploadOptions, target: UploadTarget): Promise<SanityDocument> {
  const {lake, access, dataset} = target
  // An upload is a write (its callers have checked the write token): like a first mutation,
  // it creates the dataset.
  lake.createDataset(dataset)
  const sha1 = createHash('sha1').update(bytes).digest('hex')
  const existing = await lake.query(
    dataset,
    {
      query: '*[_type == $type && sha1hash == $sha1][0]',
      params: {type: kind === 'image' ? 'sanity.imageAsset' : 'sanity.fileAsset', sha1},
      perspective: 'raw',
    },
    access,
  )
  if (existing) return existing as SanityDocument

  const document = await assetDocument(kind, bytes, sha1, options, target)
  await new AssetStore(lake.config.dataDir).put(dataset, sha1, document.extension, bytes)
  // createIfNotExists: a concurrent upload of the same bytes may have committed meanwhile,
  // and its document is then the answer.
  const {results} = await lake.mutate(dataset, {mutations: [{createIfNotExists: document}], dryRun: false, autoGenerateArrayKeys: false}, access)
  const committed = results[0]?.document
  if (!committed) throw new Error(`The asset document ${document._id} was not committed`)
  return committed
}
