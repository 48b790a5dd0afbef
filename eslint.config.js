import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Lint with type information: the rules that catch what the compiler does
 * not (a promise nobody awaits, a switch that misses a case of its union).
 * Formatting is Prettier's (`npm run format`); eslint-config-prettier turns
 * off every rule that would disagree with it.
 */
export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', '.bench/', 'bench/results/', 'test-results/', 'client/public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // TypeScript resolves every name; the base rule does not know its types.
      'no-undef': 'off',
    },
  },
  { files: ['client/**/*.{ts,tsx}'], languageOptions: { globals: globals.browser } },
  { files: ['server/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts', '*.js', '*.ts'], languageOptions: { globals: globals.node } },
  prettier,
);
