import {createClient} from '@sanity/client'
import {defineConfig} from 'sanity'
import {structureTool} from 'sanity/structure'
import {DOCUMENT_TYPES} from '../contract/documents'
import {commentCareActions, commenterActions, commentStatusActions} from './actions'
import {previewOnSiteAction} from './actions/previewOnSite'
import {commentModerationTool} from './moderation'
import {schemaTypes} from './schemaTypes'
import {NOT_CREATABLE_TYPES, structure} from './structure'

// `sanity build` bakes SANITY_STUDIO_* variables in. With no project ID (or `local`) the Studio
// edits the local Content Lake; with a real one it edits that Sanity project, as any Studio does.
const projectId = process.env.SANITY_STUDIO_PROJECT_ID || 'local'
const local = projectId === 'local'

/**
 * Where the local lake's API is. The lake serves this Studio itself, on its HTTPS listener, so
 * by default that is the page's own origin, whatever port it runs on: one build fits every
 * port. SANITY_STUDIO_API_HOST points a Studio served from elsewhere (`sanity dev`) at the lake.
 */
function localApiHost(): string {
  if (process.env.SANITY_STUDIO_API_HOST) return process.env.SANITY_STUDIO_API_HOST
  return typeof window === 'undefined' ? 'https://localhost:3333' : window.location.origin
}

// Features that live on Sanity's hosted platform only; the local lake does not have them, so
// they are switched off rather than left to fail.
const off = {enabled: false}
const localOnly = local
  ? {
      apiHost: localApiHost(),
      // Studio would call `<projectId>.<apiHost>`, another origin; the lake's own origin needs
      // no CORS preflight and no extra allowed origin for custom ports.
      unstable_clientFactory: (options: Parameters<typeof createClient>[0]) => createClient({...options, useProjectHostname: false}),
      releases: off,
      scheduledDrafts: off,
      scheduledPublishing: off,
      tasks: off,
      announcements: off,
      mediaLibrary: off,
    }
  : {}
const localDocumentOptions = local ? {comments: off} : {}

export default defineConfig({
  name: 'default',
  title: 'Life in Balance',
  projectId,
  dataset: process.env.SANITY_STUDIO_DATASET || 'production',
  plugins: [structureTool({structure})],
  // Bulk moderation with search and filters, beside the structure's one-at-a-time lists.
  tools: (prev) => [...prev, commentModerationTool],
  schema: {types: schemaTypes},
  ...localOnly,
  document: {
    ...localDocumentOptions,
    // Template ids default to the type name.
    newDocumentOptions: (prev) => prev.filter(({templateId}) => !NOT_CREATABLE_TYPES.includes(templateId)),
    actions: (prev, context) =>
      context.schemaType === DOCUMENT_TYPES.comment
        ? [...commentStatusActions, ...commentCareActions, ...commenterActions, ...prev]
        : context.schemaType === DOCUMENT_TYPES.post
          ? [...prev, previewOnSiteAction]
          : prev,
  },
})
