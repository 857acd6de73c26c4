import fs from 'node:fs/promises'
import path from 'node:path'
import type {SanityClient} from '@sanity/client'
import type {BodyBlock, ImageBlock, ImageSource} from './portable-text'

/**
 * Images: attachments and inline images become image assets, read from a folder of the
 * exported uploads (`--media`) or downloaded where the network allows. The same bytes are
 * the same asset (the lake and Sanity both name an asset by its hash), so a re-run adds none.
 */
export interface Attachment {
  id: string
  url: string
  alt: string
  caption: string
  parent: string
  link: string
}

export interface MediaOptions {
  folder?: string
  download: boolean
  dryRun: boolean
  /** How long one download may take. */
  downloadTimeoutMs?: number
}

type Found = {assetId: string} | {missing: string}

// The part of an upload's address that mirrors the uploads folder: "2013/07/couch.jpg".
function uploadsPath(url: URL): string | undefined {
  const match = /\/(?:wp-content\/uploads|files)\/(.+)$/.exec(url.pathname) ?? /^\/(\d{4}\/\d{2}\/.+)$/.exec(url.pathname)
  return match ? decodeURIComponent(match[1]!) : undefined
}

// WordPress's resized copies ("couch-300x200.jpg") come from the original ("couch.jpg").
const original = (file: string) => file.replace(/-\d+x\d+(?=\.\w+$)/, '')

export class MediaLibrary {
  private readonly found = new Map<string, Promise<Found>>()

  constructor(
    private readonly client: SanityClient | undefined,
    private readonly options: MediaOptions,
    private readonly attachments: Map<string, Attachment>,
  ) {}

  attachment(id: string): Attachment | undefined {
    return this.attachments.get(id)
  }

  private async readFromFolder(url: URL): Promise<Buffer | undefined> {
    const relative = uploadsPath(url)
    if (!this.options.folder || !relative) return undefined
    const root = path.resolve(this.options.folder)
    for (const candidate of new Set([relative, original(relative)])) {
      const file = path.resolve(root, candidate)
      // An address must not lead out of the folder ("../../etc/passwd").
      if (!file.startsWith(`${root}${path.sep}`)) continue
      try {
        return await fs.readFile(file)
      } catch {
        // Not there under this name; the next candidate or a download may have it.
      }
    }
    return undefined
  }

  private async download(url: URL): Promise<Buffer | undefined> {
    if (!this.options.download || !/^https?:$/.test(url.protocol)) return undefined
    try {
      const response = await fetch(url, {signal: AbortSignal.timeout(this.options.downloadTimeoutMs ?? 15_000)})
      if (!response.ok || !(response.headers.get('content-type') ?? '').startsWith('image/')) return undefined
      return Buffer.from(await response.arrayBuffer())
    } catch {
      return undefined
    }
  }

  private async load(address: string): Promise<Found> {
    let url: URL
    try {
      url = new URL(address)
    } catch {
      return {missing: `image address ${address} is not a full address`}
    }
    url.search = ''
    const bytes = (await this.readFromFolder(url)) ?? (await this.download(url))
    if (!bytes) {
      const where = [this.options.folder ? 'in the media folder' : '', this.options.download ? 'by download' : ''].filter(Boolean).join(' or ')
      return {missing: `image ${address} not found${where ? ` ${where}` : ''}`}
    }
    if (this.options.dryRun || !this.client) return {assetId: 'image-dry-run'}
    const asset = await this.client.assets.upload('image', bytes, {filename: path.basename(url.pathname)})
    return {assetId: asset._id}
  }

  async asset(source: ImageSource): Promise<Found> {
    const address = source.attachmentId ? (this.attachments.get(source.attachmentId)?.url ?? source.url) : source.url
    if (!address) return {missing: `attachment ${source.attachmentId} is not in the export`}
    let found = this.found.get(address)
    if (!found) {
      found = this.load(address)
      this.found.set(address, found)
    }
    return found
  }

  /** An image with its asset, alt text and caption (the attachment's, unless the post gave its own). */
  async resolveImage(image: ImageBlock, note: (what: string) => void): Promise<ImageBlock | undefined> {
    const source = image.source ?? {}
    const found = await this.asset(source)
    if ('missing' in found) {
      note(found.missing)
      return undefined
    }
    const attachment = source.attachmentId ? this.attachments.get(source.attachmentId) : undefined
    const alt = image.alt ?? (attachment?.alt || undefined)
    const caption = image.caption ?? (attachment?.caption || undefined)
    return {_type: 'image', _key: image._key, asset: {_type: 'reference', _ref: found.assetId}, ...(alt ? {alt} : {}), ...(caption ? {caption} : {})}
  }

  async resolveBody(blocks: BodyBlock[], note: (what: string) => void): Promise<BodyBlock[]> {
    const resolved: BodyBlock[] = []
    for (const block of blocks) {
      if (block._type === 'image') {
        const image = await this.resolveImage(block, note)
        if (image) resolved.push(image)
      } else if (block._type === 'gallery') {
        const images: ImageBlock[] = []
        for (const image of block.images) {
          const done = await this.resolveImage(image, note)
          if (done) images.push(done)
        }
        if (images.length > 0) resolved.push({...block, images})
      } else resolved.push(block)
    }
    return resolved
  }
}
