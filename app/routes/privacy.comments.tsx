import {type ActionFunctionArgs, data, type LinksFunction, type MetaFunction} from '@remix-run/node'
import {Form, useActionData} from '@remix-run/react'
import {requestPrivacyLink, type PrivacyRequestPage} from '~/privacy/privacy-request.server'
import {LINK_PAGE_HEADERS} from '~/security/link-page-headers'
import styles from '~/styles/confirm-pages.css'

/** Where a commenter asks for a link to export or erase their comments. */

export const links: LinksFunction = () => [{rel: 'stylesheet', href: styles}]
export const headers = () => LINK_PAGE_HEADERS
export const meta: MetaFunction = () => [
  {title: 'Your comments: get a copy or erase them'},
  {name: 'description', content: 'Download or erase the comments you left on this blog.'},
]

export function loader() {
  return {state: 'form'} satisfies PrivacyRequestPage
}

export async function action({request, context}: ActionFunctionArgs) {
  const clientAddress = typeof context.clientAddress === 'string' ? context.clientAddress : ''
  const page = await requestPrivacyLink(request, clientAddress)
  const status = {form: 200, sent: 200, 'invalid-email': 400, 'too-many': 429, 'cross-site': 403}[page.state]
  return data(page, {status})
}

export default function PrivacyRequest() {
  const page = useActionData<PrivacyRequestPage>() ?? ({state: 'form'} as PrivacyRequestPage)
  return (
    <article className="confirm-page">
      <h1>Your comments: get a copy or erase them</h1>
      <p>
        Enter the email address you gave when commenting. We will email it a link, valid for 24 hours, to a page where you can download a copy of your comments
        and what we keep about them, or erase them.
      </p>
      {page.state === 'sent' ? (
        <p className="notice" role="status">
          If we have comments from this address, we have emailed it a link. It may take a few minutes to arrive; check your spam folder too.
        </p>
      ) : null}
      {page.state === 'too-many' ? (
        <p className="notice error" role="alert">
          Too many requests. Please try again in {page.retryAfterMinutes} minute{page.retryAfterMinutes === 1 ? '' : 's'}.
        </p>
      ) : null}
      {page.state === 'cross-site' ? (
        <p className="notice error" role="alert">
          This request did not come from this site, so it was not sent. Please use the form below.
        </p>
      ) : null}
      <Form method="post" noValidate>
        <label htmlFor="privacy-email">Email</label>
        <input
          id="privacy-email"
          type="email"
          name="email"
          autoComplete="email"
          required
          maxLength={254}
          defaultValue={page.state === 'invalid-email' ? page.email : ''}
          aria-invalid={page.state === 'invalid-email' || undefined}
          aria-describedby={page.state === 'invalid-email' ? 'privacy-email-error' : undefined}
        />
        {page.state === 'invalid-email' ? (
          <p id="privacy-email-error" className="field-error">
            Enter an email address such as name@example.com.
          </p>
        ) : null}
        <button type="submit">Email me a link</button>
      </Form>
      <h2>What we keep</h2>
      <ul>
        <li>Your comments, and the name and website you gave: shown publicly once approved.</li>
        <li>Your email address: never shown; used only for the emails you asked for and for this page.</li>
        <li>
          Your network (IP) address: never stored as it is, only as a keyed fingerprint that can recognise it again (for limits against floods and spam), and
          sealed (encrypted) inside the details sent to our spam filter, Akismet, so that a moderator can report a wrong verdict.
        </li>
        <li>Comments found to be spam are deleted automatically after a set time.</li>
      </ul>
    </article>
  )
}
