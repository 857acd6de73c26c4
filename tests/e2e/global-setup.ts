import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type {TestProject} from 'vitest/node'
import {startStack} from '../support/stack'

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string
    lakeUrl: string
    /** The lake's HTTPS listener, which serves the Studio too. */
    lakeHttpsUrl: string
    dataDir: string
    /** The Akismet stand-in npm start runs without AKISMET_KEY; its admin routes read what it was sent. */
    akismetUrl?: string
    /** The mail catcher npm start runs without SMTP_URL: GET /api/messages lists what the site sent. */
    mailUrl?: string
    /** The sign-in stand-ins npm start runs for providers without client ids (WordPress.com, X, Facebook, GitHub; Google). */
    oauthUrl?: string
    oidcUrl?: string
  }
}

/** One real stack, started with the README's command, for every end-to-end test. */
export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'life-in-balance-e2e-'))
  // Every browser in these tests comments from 127.0.0.1: one network, far over a reader's limit.
  // The limits themselves are tested in app/comments (checks/gates.server.test.ts).
  const stack = await startStack(dataDir, {COMMENT_RATE_LIMIT_PER_NETWORK: '1000'})
  project.provide('siteUrl', stack.siteUrl)
  project.provide('lakeUrl', stack.lakeUrl)
  project.provide('lakeHttpsUrl', stack.lakeHttpsUrl)
  project.provide('dataDir', dataDir)
  if (stack.akismetUrl) project.provide('akismetUrl', stack.akismetUrl)
  if (stack.mailUrl) project.provide('mailUrl', stack.mailUrl)
  if (stack.oauthUrl) project.provide('oauthUrl', stack.oauthUrl)
  if (stack.oidcUrl) project.provide('oidcUrl', stack.oidcUrl)
  return async () => {
    await stack.stop()
    fs.rmSync(dataDir, {recursive: true, force: true})
  }
}
