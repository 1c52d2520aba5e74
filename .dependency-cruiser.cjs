// The layering rules of teampulse, checked by `npm run lint` (depcruise). Read ARCHITECTURE.md for why:
// core is pure, adapters only see the platform seam in core, the edges (HTTP, CLI) go through the use cases in
// src/app, and src/main.ts is the composition root at the top of the graph.
// Offenders still waiting for their owner's change are listed in .dependency-cruiser-known-violations.json (each
// entry is a rule breach, not an exception: the rules stay strict and the list only shrinks).

/** npm packages that are pure data/functions and may be used from src/core (no I/O, no framework). */
const PURE_IN_CORE = ['chinese-days', 'date-holidays', '@sinclair/typebox'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-only-core',
      comment:
        'src/core is the pure domain: it imports nothing outside src/core (no framework, database, SDK, ' +
        `node I/O, config or app code). Allowed pure packages: ${PURE_IN_CORE.join(', ')}.`,
      severity: 'error',
      from: { path: '^src/core/' },
      to: {
        pathNot: ['^src/core/', `(^|/)node_modules/(${PURE_IN_CORE.join('|')})/`],
      },
    },
    {
      name: 'adapters-import-core-and-shared',
      comment:
        'A chat adapter sees the platform seam (src/core) and adapters/shared, plus its own files and its ' +
        "platform's SDK — never storage, http, app, delivery or another adapter.",
      severity: 'error',
      from: { path: '^adapters/([^/]+)/' },
      to: {
        path: '^(src|adapters|migrations|bin|test)/',
        pathNot: ['^src/core/', '^adapters/shared/', '^adapters/$1/'],
      },
    },
    {
      name: 'edges-go-through-app',
      comment:
        'HTTP routes and CLI verbs call the use cases in src/app (where access checks and audit live). Types ' +
        'from storage are fine (`import type`); running code from storage, delivery, the scheduler or the ' +
        'synthetic generator is not.',
      severity: 'error',
      from: { path: '^src/(http|cli)/' },
      to: {
        path: '^src/(storage|delivery|scheduler|synthetic)/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'nothing-imports-main',
      comment:
        'src/main.ts is the composition root: nothing depends on it (shared types such as BackgroundWorker ' +
        'live where they belong). The one caller is the `serve` verb, which loads it lazily (next rule).',
      severity: 'error',
      from: { pathNot: '^src/cli/commands/serve\\.ts$' },
      to: { path: '^src/main\\.ts$' },
    },
    {
      name: 'serve-loads-main-lazily',
      comment:
        '`teampulse serve` starts the service with a dynamic import, so other verbs (and --help) do not load it.',
      severity: 'error',
      from: { path: '^src/cli/commands/serve\\.ts$' },
      to: { path: '^src/main\\.ts$', dependencyTypesNot: ['dynamic-import'] },
    },
    {
      name: 'cli-start-stays-light',
      comment:
        'What every `teampulse` call loads (entry, program, verb table, context) imports only commander, node ' +
        'built-ins, config, core and the error classes it maps (src/app/errors*); verbs and the database are ' +
        'loaded on demand (dynamic import), so --help is fast.',
      severity: 'error',
      from: { path: '^src/cli/(main|program|verbs|context|errors)\\.ts$' },
      to: {
        pathNot: [
          '^src/cli/(main|program|verbs|context|errors)\\.ts$',
          '^src/config\\.ts$',
          '^src/core/',
          '^src/app/errors',
          '(^|/)node_modules/commander/',
        ],
        dependencyTypesNot: ['type-only', 'dynamic-import', 'core'],
      },
    },
    {
      name: 'app-does-not-reach-scheduler',
      comment:
        'Use cases are scheduled by src/scheduler and wired in src/main.ts; src/app never depends on the ' +
        'scheduler, directly or through another module.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/scheduler/', reachable: true },
    },
    {
      name: 'core-does-not-reach-outside',
      comment: 'Transitive form of core-imports-only-core (catches a path through a re-export).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^(src/(?!core/)|adapters/|migrations/)', reachable: true },
    },
    {
      name: 'adapters-do-not-reach-app',
      comment: 'Transitive form of adapters-import-core-and-shared.',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: '^(src/(?!core/)|migrations/)', reachable: true },
    },
    {
      name: 'no-circular-layers',
      comment: 'A cycle between src/core and anything else would make core depend on its callers.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { circular: true, pathNot: '^src/core/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|coverage|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    skipAnalysisNotInRules: true,
  },
};
