import {DocumentTextIcon, ImageIcon, LinkIcon} from '@sanity/icons'
import {defineArrayMember, defineField, defineType} from 'sanity'

/**
 * Rich text for posts: what a clinician's article needs and nothing more, so the editor
 * stays simple and every style has a designed rendering on the site.
 */
export const blockContentType = defineType({
  name: 'blockContent',
  title: 'Body',
  type: 'array',
  of: [
    defineArrayMember({
      type: 'block',
      styles: [
        {title: 'Paragraph', value: 'normal'},
        {title: 'Heading', value: 'h2'},
        {title: 'Subheading', value: 'h3'},
        {title: 'Quotation', value: 'blockquote'},
      ],
      lists: [
        {title: 'Bulleted list', value: 'bullet'},
        {title: 'Numbered list', value: 'number'},
      ],
      marks: {
        decorators: [
          {title: 'Bold', value: 'strong'},
          {title: 'Italic', value: 'em'},
        ],
        annotations: [
          defineArrayMember({
            name: 'link',
            title: 'Link to a web page',
            type: 'object',
            icon: LinkIcon,
            fields: [
              defineField({
                name: 'href',
                title: 'Address',
                type: 'url',
                description: 'The full address, starting with https://',
                validation: (rule) =>
                  rule
                    .required()
                    .uri({scheme: ['http', 'https', 'mailto', 'tel']})
                    .error('Enter a full web address (https://…), an email (mailto:…) or a phone number (tel:…)'),
              }),
            ],
          }),
          // A reference rather than a typed address: the link follows the post if its
          // address or date changes, and Studio warns before a linked post is deleted.
          defineArrayMember({
            name: 'internalLink',
            title: 'Link to another post',
            type: 'object',
            icon: DocumentTextIcon,
            fields: [
              defineField({
                name: 'reference',
                title: 'Post',
                type: 'reference',
                to: [{type: 'post'}],
                validation: (rule) => rule.required().error('Choose the post this text links to.'),
              }),
            ],
          }),
        ],
      },
    }),
    defineArrayMember({
      name: 'image',
      title: 'Image',
      type: 'image',
      icon: ImageIcon,
      options: {hotspot: true},
      fields: [
        defineField({
          name: 'alt',
          title: 'Description for screen readers',
          type: 'string',
          description: 'Say what the image shows, e.g. “A therapist’s office with two armchairs”.',
          validation: (rule) => rule.required().error('Describe the image for readers who cannot see it.'),
        }),
        defineField({
          name: 'caption',
          title: 'Caption',
          type: 'string',
          description: 'Shown under the image. Optional.',
          validation: (rule) => rule.max(200).error('Keep the caption to 200 characters or fewer.'),
        }),
      ],
      preview: {
        select: {title: 'caption', alt: 'alt', media: 'asset'},
        prepare: ({title, alt, media}) => ({title: title || alt || 'Image', media}),
      },
    }),
  ],
})
