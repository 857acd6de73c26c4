#!/usr/bin/env node
// The lake's command line without a build step: tsx (registered from here, so it resolves from
// this workspace whatever the working folder) runs the TypeScript sources.
import {register} from 'tsx/esm/api'

register()
await import('../src/cli.ts')
