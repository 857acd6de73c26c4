import {useRouteLoaderData} from '@remix-run/react'
import {useEffect, useState} from 'react'
import {findHealthDetails, HEALTH_DETAIL_NAMES, type HealthDetail} from '../../../contract/safety/health-details'
import type {loader as rootLoader} from '~/root'

// Long enough that a reader mid-word is not interrupted, short enough to be seen before posting.
const PAUSE_MS = 700

/** The kinds of personal detail in what the reader typed, looked for once they pause. */
function usePersonalDetails(body: string, name: string, clinicians: string[]): HealthDetail[] {
  const [found, setFound] = useState<HealthDetail[]>([])
  useEffect(() => {
    const timer = setTimeout(() => setFound([...new Set([...findHealthDetails(body, clinicians), ...findHealthDetails(name)])]), PAUSE_MS)
    return () => clearTimeout(timer)
  }, [body, name, clinicians])
  return found
}

/**
 * Told while the reader types (with JavaScript; the server holds such a comment either way):
 * comments are public, what in theirs identifies or discloses someone, and how to reach the
 * practice privately. The live region is always there, so screen readers announce what appears.
 */
export function PersonalDetailsNotice({id, body, name, clinicians}: {id: string; body: string; name: string; clinicians: string[]}) {
  const found = usePersonalDetails(body, name, clinicians)
  const settings = useRouteLoaderData<typeof rootLoader>('root')?.settings
  const phone = settings?.practicePhone
  // Studio accepts only web addresses here; anything else is not made a link.
  const website = /^https?:\/\//.test(settings?.practiceWebsite ?? '') ? settings?.practiceWebsite : undefined
  return (
    <div id={id} className="personal-details-notice" role="status">
      {found.length > 0 ? (
        <>
          <p>
            Comments are public. Yours seems to include {found.map((kind) => HEALTH_DETAIL_NAMES[kind]).join(', ')}. Please leave out what could identify you or
            someone else; a moderator may remove it before the comment appears.
          </p>
          <p>
            To talk about your own care, contact {settings?.practiceName ?? 'the practice'} privately
            {phone ? (
              <>
                {' '}
                by phone at <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a>
              </>
            ) : null}
            {website ? (
              <>
                {phone ? ' or' : ''} through <a href={website}>its website</a>
              </>
            ) : null}
            .
          </p>
        </>
      ) : null}
    </div>
  )
}
