import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {ServerBuild} from '@remix-run/node'
// Types only: the code comes from the build, so the server and the routes share one copy of it.
import type * as ServerServices from '../app/server-services.server'

/** What the server uses of the app (app/server-services.server.ts). */
export type AppServices = typeof ServerServices

export interface AppBuild {
  build: ServerBuild
  services: AppServices
}

/** The compiled site (`npm run build`), with the services app/entry.server.tsx hands the server. */
export async function loadAppBuild(root: string): Promise<AppBuild> {
  const file = path.join(root, 'build', 'index.js')
  const build = (await import(pathToFileURL(file).href).catch((error: unknown) => {
    throw new Error(`The site is not built (${file}: ${error instanceof Error ? error.message : String(error)}). Run \`npm run build\` first.`)
  })) as ServerBuild
  const entry = build.entry.module as ServerBuild['entry']['module'] & {serverServices?: AppServices}
  // A build from before app/server-services.server.ts existed would fail later, less clearly.
  if (!entry.serverServices) throw new Error(`The site's build (${file}) is out of date. Run \`npm run build\` again.`)
  return {build, services: entry.serverServices}
}
