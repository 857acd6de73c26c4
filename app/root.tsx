import type {LinksFunction, LoaderFunctionArgs, MetaFunction} from '@remix-run/node'
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import type {ReactNode} from 'react'
import {SearchForm} from '~/components/search-form'
import {getEnv} from '~/env.server'
import type {SiteInfo} from '~/lib/seo'
import {getSiteSettings} from '~/sanity/content.server'
import styles from '~/styles/app.css'

export const links: LinksFunction = () => [
  {rel: 'stylesheet', href: styles},
  {rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml'},
  {rel: 'alternate', type: 'application/rss+xml', href: '/feed/', title: 'RSS feed'},
  {rel: 'alternate', type: 'application/atom+xml', href: '/feed/atom/', title: 'Atom feed'},
]

export async function loader(_: LoaderFunctionArgs) {
  const settings = await getSiteSettings()
  const site: SiteInfo = {
    title: settings.title,
    tagline: settings.tagline ?? null,
    url: getEnv().SITE_URL.replace(/\/$/, ''),
  }
  return {settings, site}
}

export const meta: MetaFunction<typeof loader> = ({data}) => [
  {title: data?.settings.title ?? 'Life in Balance'},
]

export function Layout({children}: {children: ReactNode}) {
  const data = useRouteLoaderData<typeof loader>('root')
  const settings = data?.settings
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
        <footer className="site-footer">
          {settings?.practiceName ? (
            <p>
              {settings.practiceName}
              {settings.practiceLocation ? `, ${settings.practiceLocation}` : ''}
            </p>
          ) : null}
        </footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  if (isRouteErrorResponse(error) && error.status === 503) {
    return (
      <article className="error-page">
        <h1>Back in a moment</h1>
        <p>The blog is taking a short break and will be back shortly. Please try again in a minute.</p>
      </article>
    )
  }
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <article className="error-page">
        <h1>Page not found</h1>
        <p>There is nothing at this address. It may have moved, or the link may be mistyped.</p>
        <p>
          <Link to="/">Go to the latest posts</Link>
        </p>
      </article>
    )
  }
  // Details stay in the server log: readers never see a stack trace.
  return (
    <article className="error-page">
      <h1>Something went wrong</h1>
      <p>This page could not be shown just now. Please try again in a moment.</p>
      <p>
        <Link to="/">Go to the latest posts</Link>
      </p>
    </article>
  )
}
