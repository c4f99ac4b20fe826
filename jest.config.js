/** Three projects, told apart by file name: `*.spec.ts` needs no server (unit rules, schema,
 *  composition, codegen and compose checks); `subgraphs/<name>/test/*.test.ts` and
 *  `platform/**\/*.test.ts` run one subgraph on real PostgreSQL + Redis; `e2e/` and `gateway/test/`
 *  run the whole system through the gateway. */
const fs = require('node:fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc.jest.json`, 'utf8'));
const transform = { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] };
const common = { transform, testEnvironment: 'node', setupFiles: ['reflect-metadata'] };
const infra = {
  globalSetup: '<rootDir>/platform/testing/global-setup.ts',
  globalTeardown: '<rootDir>/platform/testing/global-teardown.ts',
};

module.exports = {
  // a global option: jest ignores it inside projects
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{platform,gateway,subgraphs,scripts,dev,e2e,bench}/**/*.spec.ts'] },
    { ...common, ...infra, displayName: 'integration', testMatch: ['<rootDir>/subgraphs/*/test/**/*.test.ts', '<rootDir>/platform/**/*.test.ts'] },
    { ...common, ...infra, displayName: 'e2e', testMatch: ['<rootDir>/e2e/**/*.test.ts', '<rootDir>/gateway/test/**/*.test.ts'] },
  ],
};
