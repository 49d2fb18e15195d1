// Lint rules of the house: strict promises and equality, no console in core/extension,
// and the core/cli never import vscode.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'examples/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/extension/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'core and cli never import vscode' }] }],
    },
  },
  {
    // The analysis builds objects per call, node and event: on Node.js 20 a literal that spreads an object and
    // then names more fields takes V8's slow path for each of them (docs/performance.md, changes from 23:10).
    files: ['src/core/analysis/**/*.ts', 'src/core/analyze.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ObjectExpression > SpreadElement + Property',
          message: 'A field after an object spread is slow on Node.js 20: use Object.assign or write the fields out.',
        },
      ],
    },
  },
);
