import {buildIfStale} from './build-if-stale'

/** Builds the Remix site unless the last build came from exactly these sources. */
export function buildSiteIfStale(log: (line: string) => void = console.log): void {
  buildIfStale(
    {
      name: 'site',
      inputs: ['app', 'contract', 'public', 'remix.config.js', 'package-lock.json', 'tsconfig.json'],
      // public/build is the compiler's own output.
      ignore: ['public/build'],
      stamp: 'build/.inputs-hash',
      output: 'build/index.js',
      command: ['node_modules/@remix-run/dev/dist/cli.js', 'build'],
      env: {NODE_ENV: 'production'},
    },
    log,
  )
}
