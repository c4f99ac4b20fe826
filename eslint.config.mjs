import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', 'schema/generated/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    // domain code: hand-written SQL only through platform/db/sql.ts (see the rule there)
    files: ['subgraphs/*/src/*/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='query'][arguments.0.type=/Literal$/]", message: 'Use sql()/sqlOne() from platform/db/sql.ts, or the EntityManager' },
        { selector: "CallExpression[callee.property.name='query'][arguments.0.type='TemplateLiteral']", message: 'Use sql()/sqlOne() from platform/db/sql.ts, or the EntityManager' },
      ],
    },
  },
);
