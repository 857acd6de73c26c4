/**
 * Which way the project's imports may point (docs/decisions/0160-guardrails-biome-dependency-cruiser-knip.md). Run by
 * `npm run lint:imports`. Paths are relative to the repository root.
 *
 * The parts: the site (app/ and server/), the Content Lake (content-lake/), Studio (studio/),
 * the stand-ins for outside services (stand-ins/), and the contract the site and Studio share
 * (contract/). Tools that start or fill these (scripts/, seed/, importer/, bench/) and tests
 * (tests/ and *.test.ts) may reach into what they start or test.
 */

const TEST = '\\.test\\.tsx?$'
const PARTS = '^(app|server|content-lake|studio|stand-ins|contract)/'
const TOOLS = '^(scripts|seed|importer|bench|tests)/'

/** A part that imports nothing of the project outside itself (and the folders in `alsoAllowed`). */
const selfContained = (part, alsoAllowed = []) => ({
  name: `${part}-is-self-contained`,
  comment: `${part}/ is its own program: it imports nothing of the project outside itself${alsoAllowed.length ? ` but ${alsoAllowed.join(', ')}` : ''}.`,
  severity: 'error',
  from: {path: `^${part}/`, pathNot: TEST},
  to: {path: `${PARTS}|${TOOLS}`, pathNot: `^(${[part, ...alsoAllowed].join('|')})/`},
})

export default {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Imports go one way: a circle (type imports too) means two modules each own part of the other.',
      severity: 'error',
      from: {},
      to: {circular: true},
    },
    {
      name: 'server-reaches-the-app-through-the-build',
      comment:
        'server/ loads the built app and reads what it needs from it (app/server-services.server.ts, re-exported by app/entry.server.tsx); importing app/ code would run a second copy of it.',
      severity: 'error',
      from: {path: '^server/', pathNot: TEST},
      to: {path: '^app/', dependencyTypesNot: ['type-only']},
    },
    {
      name: 'server-knows-only-the-services-type',
      comment: "server/ may name the type of the app's services, and nothing else of the app.",
      severity: 'error',
      from: {path: '^server/', pathNot: TEST},
      to: {path: '^app/', pathNot: '^app/server-services\\.server\\.ts$'},
    },
    {
      name: 'server-is-the-site',
      comment: 'server/ serves the site: it imports nothing of the other parts.',
      severity: 'error',
      from: {path: '^server/', pathNot: TEST},
      to: {path: `${PARTS}|${TOOLS}`, pathNot: '^(server|app)/'},
    },
    selfContained('app', ['contract']),
    selfContained('content-lake'),
    selfContained('studio', ['contract']),
    selfContained('stand-ins'),
    selfContained('contract'),
  ],
  options: {
    doNotFollow: {path: 'node_modules'},
    exclude: {path: '(^|/)(node_modules|build|dist|\\.cache)/|^public/build/'},
    tsConfig: {fileName: 'tsconfig.json'},
    // Type imports count: a circle of types is still a circle of ownership.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: {text: {highlightFocused: true}},
  },
}
