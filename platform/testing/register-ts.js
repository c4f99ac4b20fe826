/**
 * `node -r ./platform/testing/register-ts.js subgraphs/<name>/src/main.ts`: runs the TypeScript
 * sources directly, compiled on load by SWC with the options the tests use (.swcrc.jest.json:
 * decorators and their metadata), so a test can start a subgraph as a real child process without
 * a build (the orders and users workers the crash tests kill, the shared e2e stack). For tests only;
 * production runs the compiled dist/.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const options = { ...JSON.parse(readFileSync(join(__dirname, '..', '..', '.swcrc.jest.json'), 'utf8')), swcrc: false, configFile: false };

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
