import path from 'node:path'
import type {IdentifiedSanityDocumentStub as SeedDocument} from '@sanity/client'
import {importWordPress} from '../importer/wordpress/import-wordpress'
import type {ImportedDocument} from '../importer/wordpress/lake-writer'

/**
 * The blog's first content: "Life in Balance", the blog of Wilder Therapy and Wellness, and
 * its post of 2013-07-25, as captured from WordPress.com (`original-post.txt` beside this file).
 * It comes in as a practice's blog would, through the WordPress importer, from a small export
 * made from that capture (`life-in-balance.wordpress.xml`); the text is kept exactly, typos
 * included ("GooodTherapy.org"). These are the documents the importer makes of it.
 */
export const SEED_EXPORT = path.join(import.meta.dirname, 'life-in-balance.wordpress.xml')

export const SITE_SETTINGS_ID = 'siteSettings'
export const AUTHOR_ID = 'wp-author-jami-wilder'
export const CATEGORY_ID = 'wp-category-sexual-health'
export const POST_ID = 'wp-post-142'

/** The ids the seed had before it came through the importer: a data folder holding them is seeded. */
export const PREVIOUS_SEED_IDS = ['author-jami-wilder', 'category-sexual-health', 'post-hold-on-we-dont-do-that']

/** What a WordPress export does not carry: the practice's name, place and time zone, the author's note. */
export const seedExtras: Record<string, Record<string, string>> = {
  [SITE_SETTINGS_ID]: {practiceName: 'Wilder Therapy and Wellness', practiceLocation: 'Cranston, RI', timeZone: 'America/New_York'},
  [AUTHOR_ID]: {
    credentials: 'Psy.D.',
    bio: 'Jami Wilder, Psy.D. is co-owner of Wilder Therapy and Wellness in Cranston, RI.',
  },
}

const imported: ImportedDocument[] = []
await importWordPress({file: SEED_EXPORT, sink: {write: async (documents) => void imported.push(...documents)}, hashAddress: () => ''})

function seedDocument(id: string): SeedDocument {
  const document = imported.find((candidate) => candidate._id === id)
  if (!document) throw new Error(`The seed export has no ${id}`)
  return {...document, ...seedExtras[id]}
}

export const siteSettings = seedDocument(SITE_SETTINGS_ID)
export const author = seedDocument(AUTHOR_ID)
export const category = seedDocument(CATEGORY_ID)
export const post = seedDocument(POST_ID)

/** In dependency order: a document's references are created before it. */
export const seedDocuments: SeedDocument[] = [siteSettings, author, category, post]
