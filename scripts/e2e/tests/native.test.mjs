// The same script gives the same trace in the browser and natively: the
// packet lines of the CLI's --trace=tcpdump and the wire pcap, byte for byte.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launch, openPage, engineCall, ROOT } from '../lib/harness.mjs';

const CLI = join(ROOT, 'core/cmd/sockplay');
let server;
let browser;
let dir;
before(async () => {
  server = await startServer();
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'sockplay-native-'));
});
after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('browser and native CLI print identical traces', { skip: !existsSync(CLI) && 'the CLI is not there yet' }, async () => {
  const bin = join(dir, 'sockplay');
  execFileSync('go', ['build', '-o', bin, './core/cmd/sockplay'], { cwd: ROOT, stdio: 'inherit' });
  const page = await openPage(browser.context, server.url);
  const examples = await engineCall(page, 'examples');
  const scripts = examples.map((e) => [e.name, e.script]);
  scripts.push(['lossy', 'net> loss 30%\nnet> seed 9\nserver> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 5)\nclient> c = socket(AF_INET, SOCK_STREAM)\nclient> connect(c, server:80)\nnet> wait 10s\n']);
  for (const [name, script] of scripts) {
    const file = join(dir, `${name}.sock`);
    writeFileSync(file, script);
    const pcapFile = join(dir, `${name}.pcap`);
    let native;
    try {
      native = execFileSync(bin, ['run', '--trace=tcpdump', `--pcap=${pcapFile}`, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      native = err.stdout; // a script may end on a refused line; compare what ran
    }
    await engineCall(page, 'newSession', '1');
    await engineCall(page, 'load', script);
    const events = await engineCall(page, 'trace', 0);
    const browserLines = events.filter((e) => e.kind === 'send').map((e) => e.text);
    assert.deepEqual(browserLines, native.trim().split('\n').filter(Boolean), `${name}: tcpdump lines`);
    if (existsSync(pcapFile)) {
      const ours = Buffer.from(await engineCall(page, 'pcap', ''));
      assert.ok(ours.equals(readFileSync(pcapFile)), `${name}: identical pcap bytes`);
    }
  }
  page.assertClean();
  await page.close();
});
