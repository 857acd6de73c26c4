import type {EmbedProvider} from './embeds'

/** The Portable Text the importer writes: the site's `blockContent` types (studio/schemaTypes). */
export interface Span {
  _type: 'span'
  _key: string
  text: string
  marks: string[]
}
export interface LinkDef {
  _type: 'link'
  _key: string
  href: string
}
export interface TextBlock {
  _type: 'block'
  _key: string
  style: 'normal' | 'h2' | 'h3' | 'blockquote'
  markDefs: LinkDef[]
  children: Span[]
  listItem?: 'bullet' | 'number'
  level?: number
}
/** Where an image comes from in WordPress, until the media step turns it into an asset. */
export interface ImageSource {
  attachmentId?: string
  url?: string
}
export interface ImageBlock {
  _type: 'image'
  _key: string
  asset?: {_type: 'reference'; _ref: string}
  source?: ImageSource
  alt?: string
  caption?: string
}
export interface GalleryBlock {
  _type: 'gallery'
  _key: string
  images: ImageBlock[]
}
export interface EmbedBlock {
  _type: 'embed'
  _key: string
  url: string
  provider: EmbedProvider
}
export interface CodeBlock {
  _type: 'code'
  _key: string
  code: string
  language?: string
}
export interface TableBlock {
  _type: 'table'
  _key: string
  rows: {_type: 'tableRow'; _key: string; cells: string[]}[]
}
export interface SeparatorBlock {
  _type: 'separator'
  _key: string
}
export type BodyBlock = TextBlock | ImageBlock | GalleryBlock | EmbedBlock | CodeBlock | TableBlock | SeparatorBlock
