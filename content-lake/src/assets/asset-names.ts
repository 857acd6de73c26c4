// How Sanity names an asset: its document id, its path (also the tail of its CDN URL) and the
// file name in that path. Images carry their original size, so URLs can be built from the id.

export type AssetKind = 'image' | 'file'

const SHA1 = /^[0-9a-f]{40}$/
const EXTENSION = /^[a-z0-9]{1,16}$/
const IMAGE_FILE_NAME = /^(?<sha1>[0-9a-f]{40})-(?<width>[1-9]\d{0,5})x(?<height>[1-9]\d{0,5})\.(?<extension>[a-z0-9]{1,16})$/
const FILE_FILE_NAME = /^(?<sha1>[0-9a-f]{40})\.(?<extension>[a-z0-9]{1,16})$/

export interface ImageName {
  sha1: string
  width: number
  height: number
  extension: string
}

export interface FileName {
  sha1: string
  extension: string
}

export function isSha1(value: string): boolean {
  return SHA1.test(value)
}

export function isAssetExtension(value: string): boolean {
  return EXTENSION.test(value)
}

export function imageAssetId({sha1, width, height, extension}: ImageName): string {
  return `image-${sha1}-${width}x${height}-${extension}`
}

export function fileAssetId({sha1, extension}: FileName): string {
  return `file-${sha1}-${extension}`
}

export function imageAssetPath(projectId: string, dataset: string, image: ImageName): string {
  return `images/${projectId}/${dataset}/${image.sha1}-${image.width}x${image.height}.${image.extension}`
}

export function fileAssetPath(projectId: string, dataset: string, file: FileName): string {
  return `files/${projectId}/${dataset}/${file.sha1}.${file.extension}`
}

/** `<sha1>-<width>x<height>.<extension>`, the last part of an image URL. */
export function parseImageFileName(name: string): ImageName | undefined {
  const groups = IMAGE_FILE_NAME.exec(name)?.groups
  if (!groups) return undefined
  return {
    sha1: groups.sha1!,
    width: Number(groups.width),
    height: Number(groups.height),
    extension: groups.extension!,
  }
}

/** `<sha1>.<extension>`, the last part of a file URL. */
export function parseFileFileName(name: string): FileName | undefined {
  const groups = FILE_FILE_NAME.exec(name)?.groups
  return groups ? {sha1: groups.sha1!, extension: groups.extension!} : undefined
}
