import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
  // The house (docs/ARCHITECTURE.md): source files stay short enough to read in one sitting,
  // functions short enough to hold in one's head. Tests may be longer.
  {
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 100, skipBlankLines: false, skipComments: false, IIFEs: true }],
    },
  },
  // The engine is pure: no process state (imports are checked by dependency-cruiser).
  {
    files: ['server/src/okr/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error',
        { name: 'process', message: 'The engine is pure: take what you need as a parameter (see docs/ARCHITECTURE.md).' },
        { name: 'require', message: 'The engine is pure and an ES module.' },
      ],
    },
  },
);
