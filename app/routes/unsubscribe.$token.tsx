import {type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction} from '@remix-run/node'
import {Form, useActionData, useLoaderData} from '@remix-run/react'
import {httpStatusOf, performUnsubscribe, unsubscribePage, type UnsubscribePage} from '~/notifications/unsubscribe.server'
import {LinkRefused} from '~/components/link-refused'
import {LINK_PAGE_HEADERS} from '~/security/link-page-headers'
import styles from '~/styles/confirm-pages.css'

/** "Stop these emails" from a comment or new-post email: GET asks to confirm, POST switches them all off. */

export const links: LinksFunction = () => [{rel: 'stylesheet', href: styles}]
export const headers = () => LINK_PAGE_HEADERS
export const meta: MetaFunction = () => [{title: 'Stop comment emails'}, {name: 'robots', content: 'noindex'}]

export function loader({params}: LoaderFunctionArgs) {
  const page = unsubscribePage(params.token ?? '')
  return data(page, {status: httpStatusOf(page)})
}

export async function action({request, params, context}: ActionFunctionArgs) {
  const clientAddress = typeof context.clientAddress === 'string' ? context.clientAddress : ''
  const page = await performUnsubscribe(request, params.token ?? '', clientAddress)
  return data(page, {status: httpStatusOf(page)})
}

export default function Unsubscribe() {
  const loaded = useLoaderData<UnsubscribePage>()
  const acted = useActionData<UnsubscribePage>()
  const page = acted ?? loaded
  return (
    <article className="confirm-page">
      {page.state === 'confirm' && page.scope === 'post' ? (
        <>
          <h1>Stop follow-up comments on this post?</h1>
          <p>You will no longer be emailed new comments on this post. Other posts you follow, and your own comments, stay as they are.</p>
          <Form method="post">
            <button type="submit">Stop follow-ups of this post</button>
          </Form>
        </>
      ) : null}
      {page.state === 'confirm' && page.scope === 'everything' ? (
        <>
          <h1>Stop emails about comments?</h1>
          <p>
            You will no longer be told when your comments are published, when someone replies to them, when others comment on posts you follow, or when a new
            post is published. Your comments stay as they are.
          </p>
          <Form method="post">
            <button type="submit">Stop these emails</button>
          </Form>
        </>
      ) : null}
      {page.state === 'done' && page.scope === 'post' ? (
        <>
          <h1>You are unsubscribed from this post</h1>
          <p className="notice" role="status">
            We will not email you new comments on this post. To follow it again, tick “Notify me of follow-up comments by email” the next time you comment on
            it.
          </p>
        </>
      ) : null}
      {page.state === 'done' && page.scope === 'everything' ? (
        <>
          <h1>You are unsubscribed</h1>
          <p className="notice" role="status">
            We will not email you about replies to your comments, their approval, follow-up comments or new posts. To hear from us again, tick “Notify me of
            follow-up comments by email” or “Notify me of new posts by email” the next time you comment.
          </p>
        </>
      ) : null}
      {page.state === 'too-many' ? (
        <>
          <h1>Nothing was changed yet</h1>
          <p className="notice error" role="alert">
            Too many requests came from your network. Try the link again in {page.retryAfterMinutes} minutes.
          </p>
        </>
      ) : null}
      {page.state === 'invalid' || page.state === 'expired' || page.state === 'cross-site' ? (
        <LinkRefused state={page.state} expiredAdvice="Use the link in a more recent email, or contact the blog." />
      ) : null}
    </article>
  )
}
