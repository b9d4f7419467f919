/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': 'ts-jest',
    // cockatiel and fhir-kit-client (the tests' FHIR client) ship ES modules only; Node 24 requires
    // them natively, Jest's module system does not, so their files are compiled to CommonJS for the tests.
    '^.+/node_modules/(cockatiel|fhir-kit-client)/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', verbatimModuleSyntax: false } },
    ],
  },
  // fhir-kit-client's exports name only an `import` entry, which Jest's resolver does not take.
  moduleNameMapper: { '^fhir-kit-client$': '<rootDir>/node_modules/fhir-kit-client/dist/index.js' },
  transformIgnorePatterns: ['/node_modules/(?!cockatiel/|fhir-kit-client/)'],
  // One real PostgreSQL for the whole run; each test file makes its own databases on it, as copies
  // of templates migrated (and loaded with the fixtures or the demo) once per run (test/support/templates.ts).
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
  testTimeout: 60_000,
  // Two cores: two workers, each with its own databases.
  maxWorkers: 2,
  // Tests run in a new order each time (the seed is printed; `--seed=<n>` repeats one), so
  // none can lean on another having run first.
  randomize: true,
  showSeed: true,
};
