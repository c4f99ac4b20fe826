import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { startStack, type Stack } from '../../e2e/harness';
import { admin } from '../../e2e/operations';

/** Debian's Chromium, driven by playwright-core (no browser download). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = join(__dirname, '..', '..', '.data', 'test', 'screenshots', 'playground-product-list.png');

/** The page's globals as page functions see them (the project compiles without the DOM library). */
interface PageGlobals {
  document: { querySelector(selector: string): { textContent: string | null; CodeMirror?: { getValue(): string } } | null };
}

let stack: Stack;
let browser: BrowserContext;
let profile: string;
const names: string[] = [];

beforeAll(async () => {
  stack = await startStack();
  const token = await stack.adminToken();
  for (const [i, price] of ['14.90', '29.00'].entries()) {
    const name = `Playground Lamp ${i + 1}`;
    const res = await stack.call(admin.CreateProduct, { input: { name, sku: `PLAYGROUND-${i}-${Date.now()}`, price, status: 'ACTIVE' } }, token);
    expect(res.data?.createProduct.userErrors).toEqual([]);
    names.push(name);
  }
  profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  // a fresh profile each run (playwright passes it as --user-data-dir)
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

it('opens GraphiQL, runs ProductList and shows the products in the result pane', async () => {
  const page = await browser.newPage();
  const external: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(stack.gatewayUrl.replace(/\/graphql$/, ''))) external.push(request.url());
  });
  await page.goto(stack.gatewayUrl.replace(/\/graphql$/, '/playground'));
  await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
  // the first tab is ProductList, with its variables
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector('.graphiql-query-editor')?.textContent?.includes('query ProductList'), undefined, { timeout: 30_000 });
  // with its example variables
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector('.graphiql-editor-tool .graphiql-editor')?.textContent?.includes('"first": 10'), undefined, { timeout: 10_000 });
  await page.click('.graphiql-execute-button');
  const result = await page.waitForFunction(
    (expected) => {
      const editor = (globalThis as unknown as PageGlobals).document.querySelector('.result-window .CodeMirror');
      const text = editor?.CodeMirror?.getValue() ?? '';
      return expected.every((n) => text.includes(n)) ? text : false;
    },
    names,
    { timeout: 30_000 },
  );
  const json = JSON.parse((await result.jsonValue()) as string);
  expect(json.errors).toBeUndefined();
  expect(json.data.products.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(expect.arrayContaining(names));
  // what a person sees: the products' names in the result pane
  await expect(page.locator('.result-window').textContent()).resolves.toContain('"products"');
  // the docs explorer knows the schema
  await page.click('button[aria-label="Show Documentation Explorer"]');
  await page.waitForSelector('.graphiql-doc-explorer', { timeout: 10_000 });
  mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
  await page.screenshot({ path: SCREENSHOT });
  console.log(`GraphiQL screenshot: ${SCREENSHOT}`);
  expect(external).toEqual([]);
});
