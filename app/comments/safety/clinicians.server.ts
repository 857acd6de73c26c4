import type {SanityClient} from '@sanity/client'

/** The practice's clinicians as readers may name them: the names of the blog's authors. */
export async function findClinicianNames(client: SanityClient): Promise<string[]> {
  return client.fetch<string[]>(`*[_type == "author" && defined(name)].name`, {}, {perspective: 'published'})
}
