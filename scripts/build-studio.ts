import {buildIfStale} from './build-if-stale'

/**
 * Builds the Studio into studio/dist unless the last build came from exactly these sources
 * and the same SANITY_STUDIO_* settings (the build bakes those in).
 */
export function buildStudioIfStale(env: Record<string, string | undefined>, log: (line: string) => void = console.log): void {
  const settings = {
    ...Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[0].startsWith('SANITY_STUDIO_') && entry[1] !== undefined)),
    // Vite keeps a NODE_ENV it inherits (a test runner's `test`, a shell's `development`) and React
    // then ships its development build: slower, and loud in the console. The Studio is always
    // built for production.
    NODE_ENV: 'production',
  }
  buildIfStale(
    {
      name: 'Studio',
      inputs: ['studio', 'contract', 'package-lock.json', 'tsconfig.base.json'],
      ignore: ['studio/dist', 'studio/node_modules', 'studio/.sanity'],
      settings,
      stamp: 'studio/dist/.inputs-hash',
      output: 'studio/dist/index.html',
      // `--yes`: replace the previous build without asking.
      command: ['studio/node_modules/sanity/bin/sanity', 'build', '--yes'],
      cwd: 'studio',
      // The build runs offline: no telemetry, no update check.
      env: {...settings, SANITY_TELEMETRY_DISABLED: '1', NO_UPDATE_NOTIFIER: '1'},
    },
    log,
  )
}
