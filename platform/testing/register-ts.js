/**
 * Lets a plain `node -r ./platform/testing/register-ts.js file.ts` process load the project's
 * TypeScript with the tests' own compiler settings (.swcrc.jest.json), for processes the tests
 * start outside jest (the shared e2e stack).
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const options = JSON.parse(readFileSync(join(__dirname, '..', '..', '.swcrc.jest.json'), 'utf8'));
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename, swcrc: false });
  module._compile(code, filename);
};
