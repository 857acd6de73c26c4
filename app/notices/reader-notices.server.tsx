import {renderToStaticMarkup} from 'react-dom/server'
import type {SiteSettings} from '~/sanity/site-settings.server'
import type {ReaderNotices} from './reader-notices'

/**
 * What every reader is told from Site settings › Reader safety and › Practice (decision 0205),
 * rendered to HTML here on the server. The page places the markup as it is, so the notices
 * cost the post page's JavaScript budget nothing: they are the same with or without it.
 * React escapes every setting; links were checked when the settings were read.
 */

type CrisisNotice = SiteSettings['crisisNotice']

function HelpLines({notice}: {notice: CrisisNotice}) {
  return (
    <>
      <ul>
        {notice.resources.map((resource) => (
          <li key={resource.text}>{resource.link ? <a href={resource.link}>{resource.text}</a> : resource.text}</li>
        ))}
      </ul>
      <p>{notice.note}</p>
    </>
  )
}

/** Beside every comment form: where to get help now. */
function CrisisAside({notice}: {notice: CrisisNotice}) {
  return (
    <aside className="crisis-notice" aria-labelledby="crisis-notice-title">
      <h3 id="crisis-notice-title">{notice.heading}</h3>
      <HelpLines notice={notice} />
    </aside>
  )
}

/**
 * On a reader's own comment held because they may be in crisis, in place of "awaiting
 * moderation". Kind words, never what was matched: a false alarm must not read as an
 * accusation, a true one must not be repeated back.
 */
function CareMessage({notice}: {notice: CrisisNotice}) {
  return (
    <>
      <p>{notice.careMessage}</p>
      <div className="crisis-notice">
        <p>
          <strong>{notice.heading}</strong>
        </p>
        <HelpLines notice={notice} />
      </div>
    </>
  )
}

/**
 * Above every comment form, read before writing, with or without JavaScript (the form's live
 * warning adds what it found in the text): comments are public, and the way to talk about
 * one's own care is to reach the practice privately.
 */
function PublicCommentsNotice({settings}: {settings: SiteSettings}) {
  const {practiceName, practicePhone} = settings
  return (
    <p className="public-comments-notice">
      Comments are public: please leave out anything that could identify you or someone else. To talk about your own care, contact{' '}
      {practiceName ?? 'the practice'} privately
      {practicePhone ? (
        <>
          {' '}
          at <a href={`tel:${practicePhone.replace(/[^\d+]/g, '')}`}>{practicePhone}</a>
        </>
      ) : null}
      .
    </p>
  )
}

/** The practice as readers reach it, and what the blog is not. */
function FooterContent({settings}: {settings: SiteSettings}) {
  const {practiceName, practiceLocation, practiceAddress, practicePhone, appointmentUrl} = settings
  return (
    <>
      {practiceName ? (
        <address>
          <strong>{practiceLocation ? `${practiceName}, ${practiceLocation}` : practiceName}</strong>
          {practiceAddress ? <span className="footer-address">{practiceAddress}</span> : null}
          {practicePhone ? (
            <span>
              Phone: <a href={`tel:${practicePhone.replace(/[^\d+]/g, '')}`}>{practicePhone}</a>
            </span>
          ) : null}
        </address>
      ) : null}
      {appointmentUrl ? (
        <p>
          <a className="footer-appointment" href={appointmentUrl}>
            {settings.appointmentLabel}
          </a>
        </p>
      ) : null}
      <p className="not-advice-notice">{settings.notAdviceNotice}</p>
    </>
  )
}

export function renderReaderNotices(settings: SiteSettings): ReaderNotices {
  return {
    crisis: renderToStaticMarkup(<CrisisAside notice={settings.crisisNotice} />),
    care: renderToStaticMarkup(<CareMessage notice={settings.crisisNotice} />),
    notAdvice: settings.notAdviceNotice,
    publicComments: renderToStaticMarkup(<PublicCommentsNotice settings={settings} />),
    footer: renderToStaticMarkup(<FooterContent settings={settings} />),
  }
}
