// What every browser test needs: the static server on a free port, a
// headless browser with a throwaway profile (Chromium, or Firefox when
// BROWSER=firefox), pages that fail the test on any console error or page
// error, and screenshots in artifacts/.

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium, firefox } from 'playwright-core';

export const E2E = dirname(dirname(fileURLToPath(import.meta.url)));
export const ROOT = dirname(dirname(E2E));
export const DIST = process.env.SOCKPLAY_DIST ?? join(ROOT, 'dist');
export const ARTIFACTS = join(E2E, 'artifacts');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
export const BROWSER = process.env.BROWSER === 'firefox' ? 'firefox' : 'chromium';
export const IS_FIREFOX = BROWSER === 'firefox';
// READY_WAIT bounds the waits for a page to be ready, a line to run and
// a download: generous, as CI's machine may be loaded (a wait that ends
// early fails the test; a long one costs only a failing test's time).
export const READY_WAIT = 60000;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// startServer builds scripts/serve once and serves dist/ (or a copy of
// it, dir) on a free port.
export async function startServer({ dir = DIST } = {}) {
  if (!existsSync(join(dir, 'index.html')) || !existsSync(join(dir, 'sockplay.wasm'))) {
    throw new Error(`${dir} is not built: run make dist`);
  }
  const bin = join(mkdtempSync(join(tmpdir(), 'sockplay-serve-')), 'serve');
  execFileSync('go', ['build', '-o', bin, './scripts/serve'], { cwd: ROOT, stdio: 'inherit' });
  const port = await freePort();
  const proc = spawn(bin, ['-dir', dir, '-addr', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(url);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (proc.exitCode !== null) throw new Error(`serve exited: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
      rmSync(dirname(bin), { recursive: true, force: true });
    },
  };
}

// launch starts the headless browser with a fresh profile. Firefox is
// Debian's stock firefox-esr, driven over WebDriver BiDi (Playwright's
// moz-firefox channel). The site's service worker (site/sw.js) is blocked
// unless serviceWorkers is 'allow': requests it answers from its cache
// would pass by page.route, which tests use to hold or watch requests.
export async function launch({ serviceWorkers = 'block' } = {}) {
  const profile = mkdtempSync(join(tmpdir(), `sockplay-${BROWSER}-`));
  const common = { headless: true, acceptDownloads: true, viewport: { width: 1440, height: 1000 }, serviceWorkers };
  const context = IS_FIREFOX
    ? await firefox.launchPersistentContext(profile, { ...common, channel: 'moz-firefox', executablePath: FIREFOX })
    : await chromium.launchPersistentContext(profile, {
      ...common,
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Before a screenshot in Firefox, Playwright adds <style>body {}</style> to
// the page; the Content-Security-Policy refuses it, as it should, and
// Firefox reports that with the style's hash. Only that report is excused.
const PLAYWRIGHT_SCREENSHOT_STYLE = 'sha256-YjaKGiklmzC6wjXA513HAMmzus8VE61XCOT+SmwNZWA=';
// With service workers blocked (launch's default), Playwright answers the
// page's registration with this warning of its own: excused too.
const PLAYWRIGHT_SW_BLOCKED = 'Service Worker registration blocked by Playwright';

// forgetSaved makes page's first load in its tab start without an
// autosaved session. (Firefox runs init scripts in the first about:blank
// too, where storage is refused.)
export function forgetSaved(page) {
  return page.addInitScript(() => {
    if (!location.protocol.startsWith('http') || sessionStorage.getItem('e2e-fresh')) return;
    sessionStorage.setItem('e2e-fresh', '1');
    indexedDB.deleteDatabase('sockplay-sessions');
  });
}

// useSite is every browser test file's setup: before its tests the
// static server and the browser start (and with cli the sockplay command
// is built), after them they stop. It returns the object that holds
// them then: site.server, site.browser, site.cli.
export function useSite({ cli = false, serviceWorkers } = {}) {
  const site = {};
  before(async () => {
    site.server = await startServer();
    site.browser = await launch({ serviceWorkers });
    if (cli) site.cli = buildCli();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.stop();
  });
  return site;
}

// buildCli builds the sockplay command into a temporary directory and
// returns its path, for tests that check the page against the CLI.
export function buildCli() {
  const bin = join(mkdtempSync(join(tmpdir(), 'sockplay-cli-')), 'sockplay');
  execFileSync('go', ['build', '-o', bin, './core/cmd/sockplay'], { cwd: ROOT, stdio: 'inherit' });
  return bin;
}

// watchPage records page's console errors and page errors (and fails on
// any dialog): page.assertClean() throws when there were some. openPage
// and openedBy call it.
export function watchPage(page) {
  const problems = [];
  const report = (text) => { if (!text.includes(PLAYWRIGHT_SCREENSHOT_STYLE) && !text.includes(PLAYWRIGHT_SW_BLOCKED)) problems.push(text); };
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') report(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => report(`page error: ${err.message}`));
  page.on('dialog', (d) => { problems.push(`unexpected dialog: ${d.message()}`); d.dismiss(); });
  page.problems = problems;
  page.assertClean = () => {
    if (problems.length) throw new Error(`the page reported problems:\n${problems.join('\n')}`);
  };
  return page;
}

// openPage opens url and records every console error and page error; call
// page.assertClean() to fail on them. Tests share a browser, so a new page
// starts without the session the page autosaved for an earlier test,
// unless keepSaved (a reload of the same page always keeps it).
export async function openPage(context, url, { keepSaved = false } = {}) {
  const page = await context.newPage();
  if (!keepSaved) await forgetSaved(page);
  watchPage(page);
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: READY_WAIT });
  return page;
}

// openedBy clicks selector on page and returns the page that opens (a
// new tab), watched as openPage's are, once it is ready.
export async function openedBy(page, selector) {
  const [opened] = await Promise.all([page.context().waitForEvent('page'), page.click(selector)]);
  watchPage(opened);
  await opened.waitForSelector('html[data-ready="true"]', { timeout: READY_WAIT });
  return opened;
}

// downloaded runs click (a selector, or a function that clicks) and
// returns the file the page saves: { name, path, bytes }, written to a
// temporary directory. Firefox over WebDriver BiDi reports downloads of
// data: URLs but not of blob: URLs, which the page uses (site/js/
// downloads.mjs); there the page's Blob and the name its link gives are
// caught in the page and saved by the test.
export async function downloaded(page, click) {
  const doClick = typeof click === 'string' ? () => page.click(click) : click;
  const dir = mkdtempSync(join(tmpdir(), 'sockplay-download-'));
  if (!IS_FIREFOX) {
    const [dl] = await Promise.all([page.waitForEvent('download'), doClick()]);
    const path = join(dir, dl.suggestedFilename());
    await dl.saveAs(path);
    return { name: dl.suggestedFilename(), path, bytes: readFileSync(path) };
  }
  await page.evaluate(() => {
    if (!globalThis.e2eSaved) {
      globalThis.e2eSaved = {};
      const createObjectURL = URL.createObjectURL;
      URL.createObjectURL = (blob) => { globalThis.e2eSaved.blob = blob; return createObjectURL(blob); };
      const aClick = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function clickAndNote() {
        if (this.download) globalThis.e2eSaved.name = this.download;
        return aClick.call(this);
      };
    }
    globalThis.e2eSaved.name = null;
  });
  await doClick();
  await page.waitForFunction(() => globalThis.e2eSaved.name, null, { timeout: READY_WAIT });
  const { name, bytes } = await page.evaluate(async () => {
    const { name, blob } = globalThis.e2eSaved;
    return { name, bytes: Array.from(new Uint8Array(await blob.arrayBuffer())) };
  });
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(bytes));
  return { name, path, bytes: Buffer.from(bytes) };
}

// type enters a line in a console and waits until the page has handled it.
export async function type(page, host, text) {
  const input = page.locator(`#${host}-input`);
  // A phone shows one host's console at a time: the user picks it first.
  const tab = page.locator(`.phone-hosts [data-show=${host === 'server' ? 'server' : 'client'}]`);
  if (host !== 'net' && await tab.isVisible() && !(await input.isVisible())) await tab.click();
  const entries = '.scrollback .entry:not(.undone)'; // a new line may forget undone ones
  const before = await page.locator(entries).count();
  await input.fill(text);
  await input.press('Enter');
  await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length > n, [entries, before]);
}

// ESTABLISHED are the playground lines that leave a client connected to
// a server listening on port 80, accepted (fds s, c and a).
export const ESTABLISHED = [['server', 's = socket(AF_INET, SOCK_STREAM)'], ['server', 'bind(s, 0.0.0.0:80)'], ['server', 'listen(s, 5)'],
  ['client', 'c = socket(AF_INET, SOCK_STREAM)'], ['client', 'connect(c, server:80)'], ['net', 'run'], ['server', 'a = accept(s)']];

// typeAll types [host, line] pairs in the playground's consoles.
export async function typeAll(page, lines) {
  for (const [host, line] of lines) await type(page, host, line);
}

// exerciseLine runs a line in an exercise's console (in within, a CSS
// scope, when the page shows more than one) and waits until it ran.
export async function exerciseLine(page, line, within = '') {
  const entries = `${within} .ex-run .entry`;
  const before = await page.locator(entries).count();
  await page.fill(`${within} #ex-line`, line);
  await page.press(`${within} #ex-line`, 'Enter');
  await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length > n, [entries, before], { timeout: READY_WAIT });
}

// lastEntry is the text of a console's newest entry.
export async function lastEntry(page, host) {
  return page.locator(`#host-${host} .scrollback .entry, #net-console .scrollback .entry`).last().innerText();
}

export function consoleEntries(page, host) {
  const root = host === 'net' ? '#net-console' : `#host-${host}`;
  return page.locator(`${root} .scrollback .entry`);
}

// arrowLabels lists the ladder's arrows as "from>to label [status]".
export function arrowLabels(page) {
  return page.$$eval('#ladder g.arrow', (gs) => gs.map((g) => {
    const status = ['delivered', 'dropped', 'inflight', 'lost'].find((s) => g.classList.contains(s));
    return `${g.querySelector('text.label').textContent} [${status}]`;
  }));
}

// playExample plays an example from the menu and finishes it at once:
// Skip is pressed whenever it shows until the example has played (a
// loaded machine may show it late; the wait is bounded, never tight).
export async function playExample(page, name) {
  await page.click('#examples-button');
  await page.click(`[data-example="${name}"]`);
  await page.waitForFunction(() => {
    const skip = document.getElementById('playing-skip');
    if (!skip.hidden) skip.click();
    return document.getElementById('playing').hidden;
  }, null, { timeout: 60000, polling: 100 });
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${IS_FIREFOX ? 'firefox-' : ''}${name}.png`), fullPage: true });
}

// engineCall runs a bridge call in the page and returns its value.
export function engineCall(page, method, ...args) {
  return page.evaluate(([m, a]) => {
    const raw = globalThis.sockplay[m](...a);
    if (raw instanceof Uint8Array) return Array.from(raw);
    const r = JSON.parse(raw);
    if (r.error) throw new Error(r.error.message);
    return r.value;
  }, [method, args]);
}
