import {defineField, getPublishedId, type SlugValue, type ValidationContext} from 'sanity'

// The other post or page (published or draft, not this one's own versions) that has the address.
const CLASH_QUERY = '*[_type == $type && slug.current == $slug && !sanity::versionOf($published)][0]{title}'

/**
 * Says which document already has the address. Studio's own uniqueness check says only "Slug is
 * already in use", which leaves a clinician hunting for the other post; this rule makes the same
 * check (same type, not this document's own versions) and names it.
 */
export async function addressInUse(value: SlugValue | undefined, context: ValidationContext): Promise<true | string> {
  const slug = value?.current?.trim()
  if (!slug || !context.document) return true
  const clash = await context
    .getClient({apiVersion: '2025-02-19'})
    .withConfig({perspective: 'raw'})
    .fetch<{title?: string} | null>(
      CLASH_QUERY,
      {type: context.document._type, slug, published: getPublishedId(context.document._id)},
      {tag: 'validation.address-in-use'},
    )
  if (!clash) return true
  const owner = clash.title ? `“${clash.title}”` : `another ${context.document._type}`
  return `This address is already used by ${owner}. Change it, for example by adding a word.`
}

/** A post's or page's address: required, generated from the title, and unique within its type. */
export function addressField({description, group, missing}: {description: string; group: string; missing: string}) {
  return defineField({
    name: 'slug',
    title: 'Address',
    type: 'slug',
    group,
    description,
    // Studio's check is switched off because `addressInUse` makes it, with a better message.
    options: {source: 'title', maxLength: 96, isUnique: () => true},
    validation: (rule) => [rule.required().error(missing), rule.custom(addressInUse)],
  })
}
