import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readGatewayConfig } from '../gateway/src/config';
import { readSubgraphConfig } from '../platform/subgraph-config';
import { loadSubgraph } from './definitions';
import { envPrefix, SUBGRAPHS } from './registry';

describe('subgraphs/registry.ts', () => {
  it('gives every subgraph its own name, ports and database', () => {
    for (const key of ['name', 'port', 'workerPort', 'database'] as const) {
      expect(new Set(SUBGRAPHS.map((s) => s[key])).size).toBe(SUBGRAPHS.length);
    }
    const ports = SUBGRAPHS.flatMap((s) => [s.port, s.workerPort]);
    expect(new Set(ports).size).toBe(ports.length);
    for (const s of SUBGRAPHS) expect(s.name).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  it.each(SUBGRAPHS.map((s) => [s.name, s] as const))('%s: its folder holds src/subgraph.ts, main.ts and worker.ts and defines that subgraph', (name) => {
    for (const file of ['subgraph.ts', 'main.ts', 'worker.ts']) expect(existsSync(join(__dirname, name, 'src', file))).toBe(true);
    expect(loadSubgraph(name).name).toBe(name);
  });

  it.each(SUBGRAPHS.map((s) => [s.name, s] as const))('%s: listens on the registry ports unless told otherwise', (name, s) => {
    const config = readSubgraphConfig(name, { NODE_ENV: 'test' });
    expect([config.port, config.workerPort]).toEqual([s.port, s.workerPort]);
    expect(config.database.primaryUrl).toBe(`postgres://postgres@127.0.0.1:5433/${s.database}`);
    const moved = readSubgraphConfig(name, { NODE_ENV: 'test', [`${envPrefix(name)}_PORT`]: '45001', [`${envPrefix(name)}_WORKER_PORT`]: '45002' });
    expect([moved.port, moved.workerPort]).toEqual([45001, 45002]);
  });

  it('names the gateway each subgraph URL variable', () => {
    const env = Object.fromEntries(SUBGRAPHS.map((s) => [`${envPrefix(s.name)}_URL`, `http://${s.name}.internal:${s.port}/graphql`]));
    const config = readGatewayConfig({ NODE_ENV: 'test', ...env });
    expect(config.subgraphUrls).toEqual(Object.fromEntries(SUBGRAPHS.map((s) => [s.name, `http://${s.name}.internal:${s.port}/graphql`])));
  });
});
