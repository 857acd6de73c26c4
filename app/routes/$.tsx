import type {LoaderFunctionArgs} from '@remix-run/node'
import {useLoaderData} from '@remix-run/react'
import {PageArticle, pageMeta as meta} from '~/pages/page-article'
import {pageOrMoved} from '~/pages/page.server'

// Every address no other route claims: a WordPress page nested deep (/about/team/people/…),
// an old WordPress address (301 to where it lives now), or a real 404 from the root boundary.
export function loader({request}: LoaderFunctionArgs) {
  return pageOrMoved(request)
}

export {meta}

export default function WordPressPage() {
  const {page} = useLoaderData<typeof loader>()
  return <PageArticle page={page} />
}
