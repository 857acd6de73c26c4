import {CodeIcon} from '@sanity/icons/Code'
import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {ImageIcon} from '@sanity/icons/Image'
import {ImagesIcon} from '@sanity/icons/Images'
import {LinkIcon} from '@sanity/icons/Link'
import {PlayIcon} from '@sanity/icons/Play'
import {RemoveIcon} from '@sanity/icons/Remove'
import {ThListIcon} from '@sanity/icons/ThList'
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
          {title: 'Code', value: 'code'},
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
    // Kept from WordPress posts: a gallery, a video or post shown as a link, code, a table, a rule.
    defineArrayMember({
      name: 'gallery',
      title: 'Gallery',
      type: 'object',
      icon: ImagesIcon,
      fields: [
        defineField({
          name: 'images',
          title: 'Images',
          type: 'array',
          of: [
            defineArrayMember({
              type: 'image',
              fields: [
                defineField({name: 'alt', title: 'Description for screen readers', type: 'string'}),
                defineField({name: 'caption', title: 'Caption', type: 'string'}),
              ],
            }),
          ],
        }),
      ],
      preview: {select: {images: 'images'}, prepare: ({images}) => ({title: `Gallery of ${(images as unknown[] | undefined)?.length ?? 0} images`})},
    }),
    defineArrayMember({
      name: 'embed',
      title: 'Video or post (YouTube, Vimeo, X)',
      type: 'object',
      icon: PlayIcon,
      description: 'Shown as a link to it: the site loads nothing from other sites.',
      fields: [
        defineField({
          name: 'url',
          title: 'Address',
          type: 'url',
          validation: (rule) =>
            rule
              .required()
              .uri({scheme: ['https', 'http']})
              .error('Enter the full address, starting with https://'),
        }),
        defineField({
          name: 'provider',
          title: 'Service',
          type: 'string',
          options: {
            list: [
              {title: 'YouTube', value: 'youtube'},
              {title: 'Vimeo', value: 'vimeo'},
              {title: 'X (Twitter)', value: 'x'},
            ],
          },
        }),
      ],
      preview: {select: {title: 'url', subtitle: 'provider'}},
    }),
    defineArrayMember({
      name: 'code',
      title: 'Code or preformatted text',
      type: 'object',
      icon: CodeIcon,
      fields: [defineField({name: 'code', title: 'Text', type: 'text', rows: 6}), defineField({name: 'language', title: 'Language', type: 'string'})],
      preview: {select: {title: 'code', subtitle: 'language'}},
    }),
    defineArrayMember({
      name: 'table',
      title: 'Table',
      type: 'object',
      icon: ThListIcon,
      fields: [
        defineField({
          name: 'rows',
          title: 'Rows',
          type: 'array',
          of: [
            defineArrayMember({
              name: 'tableRow',
              title: 'Row',
              type: 'object',
              fields: [defineField({name: 'cells', title: 'Cells', type: 'array', of: [defineArrayMember({type: 'string'})]})],
              preview: {select: {cells: 'cells'}, prepare: ({cells}) => ({title: ((cells as string[] | undefined) ?? []).join(' | ')})},
            }),
          ],
        }),
      ],
      preview: {select: {rows: 'rows'}, prepare: ({rows}) => ({title: `Table of ${(rows as unknown[] | undefined)?.length ?? 0} rows`})},
    }),
    defineArrayMember({
      name: 'separator',
      title: 'Separator',
      type: 'object',
      icon: RemoveIcon,
      // Sanity needs a field on an object; a rule has nothing to edit.
      fields: [defineField({name: 'style', title: 'Style', type: 'string', hidden: true})],
      preview: {prepare: () => ({title: '———'})},
    }),
  ],
})
