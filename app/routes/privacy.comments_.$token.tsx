import {type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction} from '@remix-run/node'
import {Form, Link, useActionData, useLoaderData, useParams} from '@remix-run/react'
import {httpStatusOf, performErasure, privacyPage, type PrivacyPage} from '~/privacy/privacy-page.server'
import {LINK_PAGE_HEADERS} from '~/security/link-page-headers'
import styles from '~/styles/confirm-pages.css'

/** The page an emailed privacy link opens: download a copy, or erase (after confirming). */

export const links: LinksFunction = () => [{rel: 'stylesheet', href: styles}]
export const headers = () => LINK_PAGE_HEADERS
export const meta: MetaFunction = () => [{title: 'Your comments'}, {name: 'robots', content: 'noindex'}]

export async function loader({params}: LoaderFunctionArgs) {
  const page = await privacyPage(params.token ?? '')
  return data(page, {status: httpStatusOf(page)})
}

export async function action({request, params}: ActionFunctionArgs) {
  const page = await performErasure(request, params.token ?? '')
  return data(page, {status: page.state === 'ready' && page.unconfirmed ? 400 : httpStatusOf(page)})
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`
}

export default function ManageComments() {
  const loaded = useLoaderData<PrivacyPage>()
  const acted = useActionData<PrivacyPage>()
  const {token} = useParams()
  const page = acted ?? loaded
  if (page.state === 'erased') {
    return (
      <article className="confirm-page">
        <h1>Your comments are erased</h1>
        <p className="notice" role="status">
          {plural(page.deleted, 'comment was', 'comments were')} deleted
          {page.anonymised > 0
            ? `, and ${plural(page.anonymised, 'comment that others replied to was', 'comments that others replied to were')} kept as “[deleted]” so their replies still make sense`
            : ''}
          . Your email address and everything else we kept about these comments are gone.
        </p>
        <p>
          <Link to="/">Go to the latest posts</Link>
        </p>
      </article>
    )
  }
  if (page.state !== 'ready') {
    return (
      <article className="confirm-page">
        <h1>{page.state === 'expired' ? 'This link has expired' : 'This link does not work'}</h1>
        <p className="notice error" role="alert">
          {page.state === 'expired'
            ? 'Links to manage your comments work for 24 hours.'
            : page.state === 'invalid'
              ? 'It may have been copied incompletely.'
              : 'This request did not come from this site, so nothing was changed.'}{' '}
          <Link to="/privacy/comments">Ask for a new link</Link>.
        </p>
      </article>
    )
  }
  return (
    <article className="confirm-page">
      <h1>Your comments</h1>
      <p>
        We have {plural(page.count, 'comment', 'comments')} from <strong>{page.email}</strong>.
      </p>
      <h2>Get a copy</h2>
      <p>A file (JSON) with each comment, the post it is on, its status, and what we keep privately about it.</p>
      <p>
        <a className="button-link" href={`/privacy/comments/${token}/export/`} download>
          Download my comments
        </a>
      </p>
      <h2>Erase them</h2>
      <p>
        This deletes your comments and everything we keep about them, including your email address. A comment that others replied to stays as “[deleted]”,
        without your name or words, so the replies still make sense. This cannot be undone.
      </p>
      <Form method="post">
        <label className="checkbox-label">
          <input
            type="checkbox"
            name="confirm"
            value="yes"
            required
            aria-invalid={page.unconfirmed || undefined}
            aria-describedby={page.unconfirmed ? 'confirm-error' : undefined}
          />
          I understand my comments will be erased for good.
        </label>
        {page.unconfirmed ? (
          <p id="confirm-error" className="field-error">
            Tick the box to confirm, then press the button again.
          </p>
        ) : null}
        <button type="submit" className="danger">
          Erase my comments
        </button>
      </Form>
    </article>
  )
}
