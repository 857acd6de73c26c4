import type {LinksFunction, LoaderFunctionArgs, MetaFunction} from '@remix-run/node'
import {Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData} from '@remix-run/react'
import type {ReactNode} from 'react'
import {ErrorPage} from '~/components/error-page'
import {SearchForm} from '~/components/search-form'
import {getEnv} from '~/env.server'
import type {SiteInfo} from '~/lib/seo'
import {renderReaderNotices} from '~/notices/reader-notices.server'
import {ServerMarkup} from '~/notices/reader-notices'
import {getSiteSettings, SiteSettings} from '~/sanity/site-settings.server'
import styles from '~/styles/app.css'
import {keepDataAfterFailedAction} from '~/lib/revalidation'
import {useScriptNonce} from '~/security/script-nonce'

export const shouldRevalidate = keepDataAfterFailedAction

export const links: LinksFunction = () => [
  {rel: 'stylesheet', href: styles},
  {rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml'},
  {rel: 'alternate', type: 'application/rss+xml', href: '/feed/', title: 'RSS feed'},
  {rel: 'alternate', type: 'application/atom+xml', href: '/feed/atom/', title: 'Atom feed'},
  {rel: 'alternate', type: 'application/rss+xml', href: '/comments/feed/', title: 'Comments RSS feed'},
  {rel: 'alternate', type: 'application/atom+xml', href: '/comments/feed/atom/', title: 'Comments Atom feed'},
]

export async function loader(_: LoaderFunctionArgs) {
  // With the lake down the page's own loader answers 503; the layout still renders, so the
  // page's error boundary can show a reader the comment they were posting.
  const settings = await getSiteSettings().catch((error: unknown) => {
    if (error instanceof Response && error.status === 503) return SiteSettings.parse({})
    throw error
  })
  const site: SiteInfo = {
    title: settings.title,
    tagline: settings.tagline ?? null,
    url: getEnv().SITE_URL.replace(/\/$/, ''),
  }
  // Only what the browser needs goes there: the layout's title, and the practice's public
  // contact for the comment form's personal-details warning; the notices are rendered here.
  const {title, tagline, practiceName, practicePhone, practiceWebsite} = settings
  return {settings: {title, tagline, practiceName, practicePhone, practiceWebsite}, site, notices: renderReaderNotices(settings)}
}

export const meta: MetaFunction<typeof loader> = ({data}) => [{title: data?.settings.title ?? 'Life in Balance'}]

export function Layout({children}: {children: ReactNode}) {
  const data = useRouteLoaderData<typeof loader>('root')
  const settings = data?.settings
  const nonce = useScriptNonce()
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <p className="site-title">
            <Link to="/">{settings?.title ?? 'Life in Balance'}</Link>
          </p>
          {settings?.tagline ? <p className="site-tagline">{settings.tagline}</p> : null}
          <SearchForm name="Site search" />
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">{data ? <ServerMarkup html={data.notices.footer} /> : null}</footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />
}
