import * as oidc from 'openid-client'
import {isLoopbackUrl, type ProviderConfig} from './auth-config.server'

/**
 * openid-client set up for one provider: its endpoints (from discovery for an OpenID provider)
 * and the client authentication it documents. Plain http is allowed only for a stand-in on
 * this machine, which parseAuthConfig already keeps off public deployments.
 */
const configurations = new Map<string, Promise<oidc.Configuration>>()

function clientAuthentication(provider: ProviderConfig): oidc.ClientAuth {
  return provider.clientAuth === 'client_secret_basic' ? oidc.ClientSecretBasic(provider.clientSecret) : oidc.ClientSecretPost(provider.clientSecret)
}

async function configure(provider: ProviderConfig): Promise<oidc.Configuration> {
  const insecure = new URL(provider.issuer).protocol === 'http:' && isLoopbackUrl(provider.issuer)
  const config =
    provider.kind === 'openid'
      ? await oidc.discovery(new URL(provider.issuer), provider.clientId, {}, clientAuthentication(provider), {
          ...(insecure ? {execute: [oidc.allowInsecureRequests]} : {}),
          timeout: 10,
        })
      : new oidc.Configuration(
          {issuer: provider.issuer, authorization_endpoint: provider.authorizationEndpoint, token_endpoint: provider.tokenEndpoint},
          provider.clientId,
          {},
          clientAuthentication(provider),
        )
  if (insecure) oidc.allowInsecureRequests(config)
  config.timeout = 10
  return config
}

/** The provider's configuration; discovery is fetched once, and again after a failure. */
export function oauthConfiguration(provider: ProviderConfig): Promise<oidc.Configuration> {
  const key = `${provider.id}:${provider.issuer}:${provider.clientId}`
  let config = configurations.get(key)
  if (!config) {
    config = configure(provider)
    configurations.set(key, config)
    config.catch(() => configurations.delete(key))
  }
  return config
}
