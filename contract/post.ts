import {z} from 'zod'

/**
 * A published post as the site reads it: what its address is made of (slug, date) and its
 * title. Every shape the site reads a post into extends this one.
 */
export const PublishedPost = z.object({
  _id: z.string(),
  title: z.string(),
  slug: z.string(),
  publishedAt: z.string(),
})
export type PublishedPost = z.infer<typeof PublishedPost>
