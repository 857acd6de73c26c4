import {defineField} from 'sanity'

/**
 * The alt text of an optional image: not needed while no image is chosen, required as soon
 * as one is, so that readers using screen readers never meet an undescribed picture.
 */
export function imageAltField({example, missing}: {example: string; missing: string}) {
  return defineField({
    name: 'alt',
    title: 'Description for screen readers',
    type: 'string',
    description: example,
    validation: (rule) =>
      rule.custom((alt, context) => {
        const image = context.parent as {asset?: unknown} | undefined
        if (!image?.asset || (typeof alt === 'string' && alt.trim() !== '')) return true
        return missing
      }),
  })
}
