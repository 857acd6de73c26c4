import type {AssetKind} from '../assets/asset-names'
import type {SanityDocument} from '../types'

// How `sanity dataset export` names asset files inside its archive, from the asset's id.
const IMAGE_ASSET_ID = /^image-(?<sha1>[0-9a-f]{40})-(?<size>\d+x\d+)-(?<extension>[a-z0-9]+)$/
const FILE_ASSET_ID = /^file-(?<sha1>[0-9a-f]{40})-(?<extension>[a-z0-9]+)$/
// `image@file://./images/<file>`, `file@file:///abs/path` or `image@https://…`.
const SANITY_ASSET = /^(?<kind>image|file)@(?<url>.+)$/

type JsonObject = Record<string, unknown>

export interface ArchivedAsset {
  kind: AssetKind
  sha1: string
  extension: string
  /** Where the archive keeps the bytes, relative to its `data.ndjson`: `images/<sha1>-<w>x<h>.<ext>`, `files/<sha1>.<ext>`. */
  archivePath: string
}

/** The archive entry of an asset document's id; undefined for anything that is not an asset id. */
export function archivedAsset(assetId: string): ArchivedAsset | undefined {
  const image = IMAGE_ASSET_ID.exec(assetId)?.groups
  if (image) {
    const {sha1, size, extension} = image as {sha1: string; size: string; extension: string}
    return {kind: 'image', sha1, extension, archivePath: `images/${sha1}-${size}.${extension}`}
  }
  const file = FILE_ASSET_ID.exec(assetId)?.groups
  if (file) {
    const {sha1, extension} = file as {sha1: string; extension: string}
    return {kind: 'file', sha1, extension, archivePath: `files/${sha1}.${extension}`}
  }
  return undefined
}

export function parseSanityAsset(value: string): {kind: AssetKind; url: string} | undefined {
  const groups = SANITY_ASSET.exec(value)?.groups
  return groups ? {kind: groups.kind as AssetKind, url: groups.url!} : undefined
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * A copy of `value` in which `replace` may swap each object before its own fields are visited;
 * an object it maps to `undefined` is left out (from its parent object or array).
 */
function transformObjects(value: unknown, replace: (object: JsonObject) => JsonObject | undefined): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => transformObjects(item, replace)).filter((item) => item !== undefined)
  }
  if (!isObject(value)) return value
  const replaced = replace(value)
  if (replaced === undefined) return undefined
  const copy: JsonObject = {}
  for (const [key, field] of Object.entries(replaced)) {
    const mapped = transformObjects(field, replace)
    if (mapped !== undefined) copy[key] = mapped
  }
  return copy
}

/** `transformObjects` on the fields of a document, never on the document itself. */
function transformFields(document: SanityDocument, replace: (object: JsonObject) => JsonObject | undefined): SanityDocument {
  const copy: JsonObject = {}
  for (const [key, field] of Object.entries(document)) {
    const mapped = transformObjects(field, replace)
    if (mapped !== undefined) copy[key] = mapped
  }
  return copy as SanityDocument
}

function visitObjects(value: unknown, visit: (object: JsonObject) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) visitObjects(item, visit)
  } else if (isObject(value)) {
    visit(value)
    for (const field of Object.values(value)) visitObjects(field, visit)
  }
}

/** The `_sanityAsset` values in a document's fields. */
export function sanityAssetValues(document: SanityDocument): unknown[] {
  const values: unknown[] = []
  visitObjects(Object.values(document), (object) => {
    if ('_sanityAsset' in object) values.push(object._sanityAsset)
  })
  return values
}

/**
 * Turns each `{_sanityAsset, …fields}` into `{…fields, asset: {_type: 'reference', _ref}}`, as
 * Sanity's import does once the asset is uploaded.
 */
export function resolveSanityAssets(document: SanityDocument, assetIdFor: (value: string) => string): SanityDocument {
  return transformFields(document, (object) => {
    if (typeof object._sanityAsset !== 'string') return object
    const {_sanityAsset: value, ...fields} = object
    return {...fields, asset: {_type: 'reference', _ref: assetIdFor(value)}}
  })
}

function assetRefOf(object: JsonObject): string | undefined {
  const ref = isObject(object.asset) ? object.asset._ref : undefined
  return typeof ref === 'string' && archivedAsset(ref) ? ref : undefined
}

/** The ids of the assets a document refers to. */
export function referencedAssetIds(document: SanityDocument): Set<string> {
  const ids = new Set<string>()
  visitObjects(Object.values(document), (object) => {
    const ref = assetRefOf(object)
    if (ref) ids.add(ref)
  })
  return ids
}

/**
 * Turns each asset field `{asset: {_ref}, …fields}` whose asset `isArchived` into
 * `{_sanityAsset: "image@file://./images/<file>", …fields}`, the form `sanity dataset import`
 * uploads; references to other assets stay as they are.
 */
export function archiveAssetReferences(document: SanityDocument, isArchived: (assetId: string) => boolean): SanityDocument {
  return transformFields(document, (object) => {
    const ref = assetRefOf(object)
    const asset = ref && isArchived(ref) ? archivedAsset(ref) : undefined
    if (!asset) return object
    const {asset: _reference, ...fields} = object
    return {_sanityAsset: `${asset.kind}@file://./${asset.archivePath}`, ...fields}
  })
}

/** Leaves out every object that refers to an asset, as `sanity dataset export --no-assets` does. */
export function stripAssetFields(document: SanityDocument): SanityDocument {
  return transformFields(document, (object) => (assetRefOf(object) ? undefined : object))
}
