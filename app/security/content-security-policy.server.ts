import {configuredProviders, type ProviderConfig} from '~/auth/auth-config.server'
import {getEnv, sanityConnection} from '~/env.server'

/**
 * The site's Content-Security-Policy: scripts only from the site itself, and inline only with
 * the nonce the page was rendered with (Remix writes its hand-off and scroll scripts inline).
 * See docs/decisions/0121-content-security-policy.md for each choice.
 */

export interface PolicySources {
  /** https makes the browser upgrade any http address on the page. */
  siteUrl: string
  /** Image hosts on plain http (https ones are allowed already): the local lake, sign-in stand-ins. */
  imageOrigins: string[]
  /** Where the log-in buttons' form post is redirected: each provider's authorization page. */
  signInOrigins: string[]
}

/** Where a provider's authorization page is: its issuer's for OpenID (Google), else the configured endpoint's. */
function authorizationOrigin(provider: ProviderConfig): string {
  return new URL(provider.kind === 'openid' ? provider.issuer : provider.authorizationEndpoint).origin
}

/** The hosts a provider serves from; its stand-in on this machine serves the avatars too. */
function providerOrigins(provider: ProviderConfig): string[] {
  const urls = provider.kind === 'openid' ? [provider.issuer] : [provider.authorizationEndpoint, ...provider.profileEndpoints]
  return urls.map((url) => new URL(url).origin)
}

const unique = (values: string[]) => [...new Set(values)]

let configured: PolicySources | undefined

/** The sources this site's settings call for: the lake the images come from, the log-in providers. */
export function configuredPolicySources(): PolicySources {
  if (configured) return configured
  const env = getEnv()
  const connection = sanityConnection(env)
  const providers = configuredProviders()
  const lake = connection.mode === 'local' ? [new URL(env.CONTENT_LAKE_URL).origin] : []
  configured = {
    siteUrl: env.SITE_URL,
    imageOrigins: unique([...lake, ...providers.flatMap(providerOrigins)]).filter((origin) => origin.startsWith('http:')),
    signInOrigins: unique(providers.map(authorizationOrigin)),
  }
  return configured
}

/** A fresh value per response for `nonce` attributes (128 random bits, as CSP asks). */
export function newScriptNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64')
}

export function contentSecurityPolicy(nonce: string, sources: PolicySources = configuredPolicySources()): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", `'nonce-${nonce}'`],
    ['script-src-attr', "'none'"],
    ['style-src', "'self'"],
    // The blurred placeholder behind each post image is a `style` attribute (a data: URL per
    // image); attributes can't load scripts, and <style> elements stay forbidden.
    ['style-src-attr', "'unsafe-inline'"],
    // Images come from the lake's CDN (cdn.sanity.io, or wherever the lake was reached when an
    // image was uploaded) and from the log-in providers' avatar hosts, which vary.
    ['img-src', "'self'", 'data:', 'https:', ...sources.imageOrigins],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    // Chromium checks form-action on every redirect after a form post: the log-in buttons
    // post to /auth/<provider>, which redirects to the provider's authorization page.
    ['form-action', "'self'", ...sources.signInOrigins],
    ['frame-ancestors', "'none'"],
  ]
  if (new URL(sources.siteUrl).protocol === 'https:') directives.push(['upgrade-insecure-requests'])
  return directives.map((directive) => directive.join(' ')).join('; ')
}
