import {type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction} from '@remix-run/node'
import {Form, useActionData, useLoaderData} from '@remix-run/react'
import {confirmFollowUps, confirmStatusOf, type FollowUpConfirmPage, followUpConfirmPage} from '~/notifications/follow-ups.server'
import {LinkRefused} from '~/components/link-refused'
import {LINK_PAGE_HEADERS} from '~/security/link-page-headers'
import styles from '~/styles/confirm-pages.css'

/** The link in a follow-up confirmation email: GET asks to confirm, POST subscribes (decision 0231). */

export const links: LinksFunction = () => [{rel: 'stylesheet', href: styles}]
export const headers = () => LINK_PAGE_HEADERS
export const meta: MetaFunction = () => [{title: 'Confirm follow-up comments'}, {name: 'robots', content: 'noindex'}]

export function loader({params}: LoaderFunctionArgs) {
  const page = followUpConfirmPage(params.token ?? '')
  return data(page, {status: confirmStatusOf(page)})
}

export async function action({request, params}: ActionFunctionArgs) {
  const page = await confirmFollowUps(request, params.token ?? '')
  return data(page, {status: confirmStatusOf(page)})
}

export default function ConfirmFollowUps() {
  const loaded = useLoaderData<FollowUpConfirmPage>()
  const page = useActionData<FollowUpConfirmPage>() ?? loaded
  return (
    <article className="confirm-page">
      {page.state === 'confirm' ? (
        <>
          <h1>Email me follow-up comments?</h1>
          <p>
            Each new comment published on this post will be emailed to you, and on other posts you ask to follow when you comment, without being asked to
            confirm again. Every such email has a link to stop them.
          </p>
          <Form method="post">
            <button type="submit">Confirm follow-up comments</button>
          </Form>
        </>
      ) : null}
      {page.state === 'done' ? (
        <>
          <h1>You are following this post</h1>
          <p className="notice" role="status">
            We will email you new comments on this post as they are published.
          </p>
        </>
      ) : null}
      {page.state === 'invalid' || page.state === 'expired' || page.state === 'cross-site' ? (
        <LinkRefused state={page.state} expiredAdvice="Tick “Notify me of follow-up comments by email” the next time you comment to get a new one." />
      ) : null}
    </article>
  )
}
