/**
 * Jest runs in native ESM mode because NestJS 12 ships only ES modules. CommonJS packages that require an
 * ESM-only dependency (@fastify/static → content-disposition) work in Node 20 but not in Jest's module loader,
 * so those few dependencies are compiled to CommonJS when required.
 */
const ESM_ONLY_REQUIRED_BY_CJS = ['content-disposition'];

export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testRegex: '\\.(spec|e2e-spec)\\.ts$',
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
  testTimeout: 30000,
};
