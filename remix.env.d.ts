/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

declare module '@remix-run/node' {
  /** What the site's server (server/index.ts) hands every loader and action. */
  interface AppLoadContext {
    /** The reader's network address, as the trusted proxies report it (TRUST_PROXY). */
    clientAddress: string
    /** This response's Content-Security-Policy nonce for inline scripts (entry.server.tsx makes one when absent). */
    scriptNonce?: string
  }
}

export {}
