/**
 * Jest runs in native ESM mode because NestJS 12 ships only ES modules. CommonJS packages that require an
 * ESM-only dependency (@fastify/static → content-disposition) work in Node 20 but not in Jest's module loader,
 * so those few dependencies are compiled to CommonJS when required.
 */
const ESM_ONLY_REQUIRED_BY_CJS = ['content-disposition'];

const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
    [`node_modules/(${ESM_ONLY_REQUIRED_BY_CJS.join('|')})/.+\\.js$`]: [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', moduleResolution: 'node10', isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_REQUIRED_BY_CJS.join('|')})/)`],
};

/** Suites that spawn the built server (dist/main.js) as real processes are named *-process.e2e-spec.ts. */
const PROCESS_SUITES = '<rootDir>/test/e2e/operations/.*-process\\.e2e-spec\\.ts$';
const BROWSER_SUITES = '<rootDir>/test/e2e/browser/';

/**
 * `npm run test:jest` runs every project; `npm run test:unit` (or `--selectProjects unit`) runs the RFC 5849 core
 * and the other unit tests alone, in seconds.
 */
export default {
  testTimeout: 30000,
  projects: [
    { ...shared, displayName: 'unit', roots: ['<rootDir>/test/unit'], testRegex: '\\.spec\\.ts$' },
    {
      ...shared,
      displayName: 'e2e',
      roots: ['<rootDir>/test/e2e'],
      testRegex: '\\.e2e-spec\\.ts$',
      testPathIgnorePatterns: ['/node_modules/', PROCESS_SUITES, BROWSER_SUITES],
    },
    {
      ...shared,
      displayName: 'process',
      roots: ['<rootDir>/test/e2e/operations'],
      testRegex: '-process\\.e2e-spec\\.ts$',
    },
    { ...shared, displayName: 'browser', roots: ['<rootDir>/test/e2e/browser'], testRegex: '\\.e2e-spec\\.ts$' },
  ],
};
