import {EyeOpenIcon} from '@sanity/icons/EyeOpen'
import {type DocumentActionComponent, useClient} from 'sanity'
import {createPreviewLink} from './previewLink'

// Baked in at build time like the other SANITY_STUDIO_* settings.
const SITE_URL = process.env.SANITY_STUDIO_SITE_URL || 'http://localhost:3000'

/** "Preview on site": the post as readers will see it, draft changes included, in a new tab. */
export const previewOnSiteAction: DocumentActionComponent = (props) => {
  const client = useClient({apiVersion: '2025-02-19'})
  return {
    label: 'Preview on site',
    icon: EyeOpenIcon,
    onHandle: () => {
      // Opened during the click, so pop-up blockers allow it; the address follows once the
      // secret is written.
      const tab = window.open('', '_blank')
      if (tab) tab.opener = null
      createPreviewLink(client, props.id, SITE_URL)
        .then((url) => (tab ? tab.location.replace(url) : window.location.assign(url)))
        .catch((error: unknown) => {
          tab?.close()
          console.error('Preview on site failed', error)
        })
        .finally(() => props.onComplete())
    },
  }
}
previewOnSiteAction.displayName = 'PreviewOnSiteAction'
