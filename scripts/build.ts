import fs from 'node:fs'
import path from 'node:path'
import {build} from 'esbuild'
import {ROOT} from './build-if-stale'
import {buildSiteIfStale} from './build-site'
import {buildStudioIfStale} from './build-studio'

/**
 * `npm run build`: everything production runs, as plain JavaScript that `node` starts without a
 * TypeScript loader (docs/decisions/0144-a-production-build-in-plain-javascript.md):
 *
 * - the site's Remix build (build/, public/build/), as `npm start` makes it;
 * - the site's HTTP server, `dist/server.js`: one level below the repository like server/, so it
 *   finds build/ and public/ the same way;
 * - the Content Lake's command line, `content-lake/dist/cli.mjs`, with its worker threads beside it
 *   under the names its code starts them by;
 * - the Studio (studio/dist), which the lake serves.
 *
 * Packages stay imports (`packages: 'external'`): they come from node_modules at run time, so
 * the production install (`npm ci --omit=dev`) is what runs.
 */

const NODE_TARGET = 'node22.12'

/** The site's server: one file, ESM, the `~/` alias needs no resolving (server/ reaches app/ only through the build). */
async function buildServer(): Promise<void> {
  await build({
    entryPoints: [path.join(ROOT, 'server', 'index.ts')],
    outfile: path.join(ROOT, 'dist', 'server.js'),
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    sourcemap: true,
    logLevel: 'warning',
  })
}

/**
 * The lake: split, so each command still loads only what it needs (`token` loads no SQLite), and
 * `.mjs`, the names query-pool.ts and backup/schedule.ts start their threads by; in the sources
 * those are small tsx loaders, here the compiled threads themselves.
 */
async function buildLake(): Promise<void> {
  const source = path.join(ROOT, 'content-lake', 'src')
  await build({
    entryPoints: {
      cli: path.join(source, 'cli.ts'),
      'worker-entry': path.join(source, 'groq', 'pool', 'worker.ts'),
      'backup-thread': path.join(source, 'backup', 'backup-thread.ts'),
    },
    outdir: path.join(ROOT, 'content-lake', 'dist'),
    outExtension: {'.js': '.mjs'},
    bundle: true,
    splitting: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    sourcemap: true,
    logLevel: 'warning',
  })
}

buildSiteIfStale()
// Whole folders: a chunk of an earlier build must not linger beside this one's.
for (const folder of ['dist', 'content-lake/dist']) fs.rmSync(path.join(ROOT, folder), {recursive: true, force: true})
await Promise.all([buildServer(), buildLake()])
buildStudioIfStale(process.env)
console.log('Built: the site (build/, dist/server.js), the Content Lake (content-lake/dist/) and the Studio (studio/dist/).')
