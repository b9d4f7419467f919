// The hub's module boundaries, checked by dependency-cruiser in `npm run lint` (and so in
// `npm test`); test/moduleBoundaries.test.ts shows the rules fail on a deliberate breach.
//
// A partner kind is one folder under src/sources/ (every folder there but the registry's
// `hub/` and the kinds' `shared/`) plus one registration line in src/sources/kinds.ts. Shared
// code reaches a kind only through its adapter and capabilities (src/sources/adapter.ts,
// src/sources/capabilities.ts), so no other module may import a kind's, and one kind may not
// import another's. Type-only imports count: a type is as much a dependency as a function.

/** A module of a kind's folder. */
const KIND_MODULE = '^src/sources/(?!hub/|shared/)[^/]+/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'kind-imported-outside-its-folder',
      comment:
        'Only the kinds list (src/sources/kinds.ts) names a kind. Shared code asks the configured sources for what they offer: a slot of the adapter or a capability (docs/adding-a-source.md).',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/sources/[^/]+/', '^src/sources/kinds\\.ts$'] },
      to: { path: KIND_MODULE },
    },
    {
      name: 'kind-imports-another-kind',
      comment:
        "A kind's folder imports no other kind's, nor do the registry's and the kinds' shared folders: each kind can be added or removed alone.",
      severity: 'error',
      from: { path: '^src/sources/([^/]+)/' },
      to: { path: KIND_MODULE, pathNot: '^src/sources/$1/' },
    },
  ],
  options: {
    includeOnly: '^src/',
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
