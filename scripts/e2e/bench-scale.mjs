// The playground at scale, in headless Chromium (make bench-web; measured,
// never judged): a session of about PACKETS packets (default 100,000: the
// 1 MiB download of the bulk example repeated on one keep-alive
// connection), then each action of issue 12 timed from its input to the
// second frame after it, with the longest task it caused (Long Tasks API)
// and the longest event it handled (Event Timing API); scrolling the
// diagram as frame times; and a share link of 3,000 lines opened.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/harness.mjs';
import { encodeShare } from '../../site/js/share.mjs';

const PER_DOWNLOAD = 1302; // packets of one 1 MiB download at 5 % loss (example 17)

// bulkScript is example 17 with its download repeated until the session
// holds about packets packets.
function bulkScript(packets) {
  const lines = readFileSync(join(ROOT, 'core/examples/scripts/17-bulk-under-loss.sock'), 'utf8').split('\n')
    .filter((l) => l && !l.startsWith('#') && !/ss$/.test(l));
  const setup = lines.slice(0, lines.indexOf('client> http.get(c, "/big.bin")'));
  const downloads = Math.max(1, Math.round(packets / PER_DOWNLOAD));
  for (let i = 0; i < downloads; i++) setup.push('client> http.get(c, "/big.bin")', 'net> run');
  return setup.join('\n') + '\n';
}

// chatScript is a conversation of lines lines: small sends and runs.
function chatScript(lines) {
  const out = ['server> s = socket(AF_INET, SOCK_STREAM)', 'server> bind(s, 0.0.0.0:80)', 'server> listen(s, 5)',
    'client> c = socket(AF_INET, SOCK_STREAM)', 'client> connect(c, server:80)', 'net> run', 'server> a = accept(s)'];
  for (let i = 0; out.length < lines; i++) out.push(`client> send(c, "line ${i}")`, 'net> run');
  return out.join('\n') + '\n';
}

const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

// act runs fn and measures it.
async function act(page, fn) {
  await page.evaluate(() => { globalThis.benchTasks.length = 0; globalThis.benchEvents.length = 0; });
  const t0 = performance.now();
  await fn();
  await settle(page);
  const ms = performance.now() - t0;
  const { task, event } = await page.evaluate(() => {
    for (const o of globalThis.benchObservers) o.takeRecords().forEach((e) => (e.entryType === 'longtask' ? globalThis.benchTasks : globalThis.benchEvents).push(e.duration));
    return { task: Math.max(0, ...globalThis.benchTasks), event: Math.max(0, ...globalThis.benchEvents) };
  });
  return { ms, task, event };
}

function observe(page) {
  return page.evaluate(() => {
    globalThis.benchTasks = [];
    globalThis.benchEvents = [];
    const tasks = new PerformanceObserver((l) => l.getEntries().forEach((e) => globalThis.benchTasks.push(e.duration)));
    tasks.observe({ type: 'longtask' });
    const events = new PerformanceObserver((l) => l.getEntries().forEach((e) => globalThis.benchEvents.push(e.duration)));
    events.observe({ type: 'event', durationThreshold: 16 });
    globalThis.benchObservers = [tasks, events];
  });
}

const fmt = ({ ms, task, event }) => `${ms.toFixed(0).padStart(6)} ms (longest task ${task.toFixed(0)} ms, event ${event.toFixed(0)} ms)`;

export async function benchScale(context, url, packets = Number(process.env.PACKETS ?? 100000)) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 60000 });
  await observe(page);
  const script = bulkScript(packets);
  const load = await act(page, () => page.evaluate((s) => { sockplayApp.newSession('1'); sockplayApp.loadScript(s); }, script));
  const shown = await page.evaluate(() => ({
    packets: sockplayApp.events.filter((e) => e.kind === 'send').length,
    events: sockplayApp.events.length,
    drawn: document.querySelectorAll('#ladder g.arrow').length,
  }));
  console.log(`the page at scale: ${shown.packets} packets, ${shown.events} events, ${shown.drawn} arrows drawn`);
  console.log(`  load the session      ${fmt(load)}`);
  const typed = (host, line) => async () => {
    await page.fill(`#${host}-input`, line);
    await page.press(`#${host}-input`, 'Enter');
  };
  const actions = [
    ['ss', typed('client', 'ss')],
    ['wait 1s', typed('net', 'wait 1s')],
    ['click a packet', () => page.locator('#ladder g.arrow').first().click()],
    ['toggle absolute seq', () => page.click('#absolute-seq')],
    ['the event-log tab', () => page.click('#tab-events')],
    ['undo', () => page.click('#btn-undo')],
    ['slider forward', () => page.evaluate(() => {
      const s = document.querySelector('#timeline');
      s.value = s.max;
      s.dispatchEvent(new Event('change'));
    })],
    ['window resize', () => page.setViewportSize({ width: 1000, height: 768 })],
  ];
  for (const [name, fn] of actions) console.log(`  ${name.padEnd(22)}${fmt(await act(page, fn))}`);
  // Scrolling: the diagram moved 100 px a frame for 120 frames.
  const frames = await page.evaluate(() => new Promise((done) => {
    const s = document.querySelector('#ladder-scroll');
    s.scrollTop = 0;
    const times = [];
    let last = performance.now();
    const step = () => {
      const now = performance.now();
      times.push(now - last);
      last = now;
      s.scrollTop += 100;
      if (times.length < 120) requestAnimationFrame(step); else done(times.slice(1));
    };
    requestAnimationFrame(step);
  }));
  const sorted = frames.sort((a, b) => a - b);
  console.log(`  scrolling the diagram  frame ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms median, ${sorted[Math.floor(sorted.length * 0.95)].toFixed(0)} ms p95`);
  await page.close();

  // A share link of 3,000 lines, opened in a new tab.
  const frag = await encodeShare({ seed: '1', script: chatScript(3000) });
  const opened = await context.newPage();
  const t0 = performance.now();
  await opened.goto(`${url}#${frag}`);
  await opened.waitForSelector('html[data-shared="done"]', { timeout: 600000 });
  console.log(`  a share link of 3,000 lines opens in ${(performance.now() - t0).toFixed(0)} ms`);
  await opened.close();
}
