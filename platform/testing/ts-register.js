// Lets a test start a real process from the TypeScript sources, compiled as jest compiles them
// (SWC with the options of .swcrc.jest.json), without building dist/ first:
//   node --enable-source-maps -r ./platform/testing/ts-register.js subgraphs/users/src/worker.ts
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const options = { ...JSON.parse(readFileSync(join(__dirname, '..', '..', '.swcrc.jest.json'), 'utf8')), swcrc: false };

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
