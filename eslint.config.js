import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * The layering the README draws (section "Architecture"), held by lint: each entry names a folder and the imports it
 * may not make. Paths are relative imports, so a pattern matches the folder name wherever the import climbs from.
 */
const LAYERS = [
  {
    files: ['src/oauth1/**/*.ts'],
    message: 'src/oauth1 is the framework-free RFC 5849 core: it imports nothing of the project.',
    forbidden: ['^\\.\\./', '^@nestjs/'],
  },
  {
    files: ['src/common/**/*.ts'],
    message: 'src/common serves every feature and imports none: it declares a port that a feature provides.',
    forbidden: ['(^|/)(admin|protocol|tokens|health)/'],
  },
  {
    files: ['src/tokens/**/*.ts'],
    message: 'src/tokens is shared by the protocol and the admin API: it imports neither.',
    forbidden: ['(^|/)admin/', '(^|/)protocol/'],
  },
  {
    files: ['src/protocol/**/*.ts'],
    message: 'src/protocol never imports the admin API: what it needs comes through the ports of src/tokens.',
    forbidden: ['(^|/)admin/'],
  },
];

const layerRules = LAYERS.map(({ files, message, forbidden }) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((regex) => ({ regex, message })) }],
  },
}));

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'data/', 'node_modules/', 'bench/results*', 'test-artifacts/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'examples/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['examples/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', fetch: 'readonly', Buffer: 'readonly' } },
  },
  ...layerRules,
  prettier,
);
