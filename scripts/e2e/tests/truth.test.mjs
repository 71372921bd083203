// The page tells the engine's truth (issue 11): an arrow says why its
// segment was sent as the engine recorded it (trace cause), never a guess
// from its label; a call that fails is drawn as a failure, with its usual
// cause.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, type, typeAll, screenshot, playExample, ESTABLISHED } from '../lib/harness.mjs';

const site = useSite();

// arrows lists every arrow as {label, cause, retransmit, tag}.
function arrows(page) {
  return page.$$eval('#ladder g.arrow', (gs) => gs.map((g) => ({
    label: g.querySelector('text.label').textContent,
    cause: g.dataset.cause ?? '',
    retransmit: g.classList.contains('retransmit'),
    tag: g.querySelector('.tag')?.textContent.trim() ?? '',
  })));
}

test('a second connection is new, not a retransmission', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await playExample(page, '13-http10');
  const all = await arrows(page);
  const syns = all.filter((a) => /#\d+ SYN seq 0$/.test(a.label));
  assert.equal(syns.length, 2, all.map((a) => a.label).join('\n'));
  assert.deepEqual(syns.map((a) => [a.cause, a.retransmit]), [['syn', false], ['syn', false]]);
  assert.deepEqual(all.filter((a) => a.retransmit), [], 'nothing was retransmitted');
  assert.ok(all.every((a) => a.cause), 'every TCP arrow carries its cause');
  page.assertClean();
  await page.close();
});

test('a lost SYN is sent again, tagged with the engine\'s reason', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await playExample(page, '08-lost-syn');
  const again = (await arrows(page)).filter((a) => a.retransmit);
  assert.ok(again.length >= 1);
  assert.ok(again.every((a) => a.cause === 'retransmit-timeout' && a.tag === 'retransmission (timeout)'), JSON.stringify(again));
  page.assertClean();
  await page.close();
});

test('a refused connect is a failure in the console and on the ladder, with its usual cause', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await type(page, 'client', 'c = socket(AF_INET, SOCK_STREAM)');
  await type(page, 'client', 'connect(c, server:80)');
  await page.click('#btn-run');
  const late = page.locator('#host-client .entry .late').last();
  await late.waitFor();
  assert.match(await late.innerText(), /-1 ECONNREFUSED/);
  assert.ok(await late.evaluate((e) => e.classList.contains('errno')));
  const [okColour, badColour] = await page.evaluate(() => {
    const s = getComputedStyle(document.documentElement);
    return [s.getPropertyValue('--ok').trim(), s.getPropertyValue('--bad').trim()];
  });
  const colour = await late.evaluate((e) => getComputedStyle(e).color);
  const hex = (rgb) => '#' + rgb.match(/\d+/g).slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('');
  assert.equal(hex(colour), badColour, `not the success colour ${okColour}`);
  assert.match(await page.locator('#host-client .errno-hint').last().innerText(), /listen/);
  const note = page.locator('#ladder text.note-error');
  assert.match(await note.first().textContent(), /connect = -1/);
  await screenshot(page, 'refused');
  page.assertClean();
  await page.close();
});

test('accept before listen: EINVAL, and the hint says listen', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await type(page, 'server', 's = socket(AF_INET, SOCK_STREAM)');
  await type(page, 'server', 'accept(s)');
  const entry = page.locator('#host-server .scrollback .entry').last();
  assert.match(await entry.locator('.out.errno').innerText(), /-1 EINVAL/);
  assert.match(await entry.locator('.errno-hint').innerText(), /listen\(s, 5\)/);
  page.assertClean();
  await page.close();
});

test('arrows show the window when it closes and changes, and the SACK blocks', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await playExample(page, '10-zero-window');
  const all = await arrows(page);
  assert.ok(all.some((a) => / win 0\b/.test(a.label)), `the server advertises a zero window:\n${all.map((a) => a.label).join('\n')}`);
  assert.ok(all.some((a) => a.tag === 'zero-window probe'), 'the client probes it');
  assert.ok(all.some((a) => / win [1-9]\d*/.test(a.label) && a.tag === 'window update'), 'and the window opens again');
  await playExample(page, '09-fast-retransmit');
  const sacks = (await arrows(page)).filter((a) => /SACK \d+:\d+/.test(a.label));
  assert.ok(sacks.length > 0, 'the receiver reports what it holds beyond the hole');
  assert.ok(sacks.every((a) => a.tag === 'duplicate ACK'), JSON.stringify(sacks));
  await screenshot(page, 'truth-sack');
  page.assertClean();
  await page.close();
});

test('every note is readable in full in "what happened and why", linked both ways with the diagram, in the arrows\' numbering', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await playExample(page, '09-fast-retransmit');
  const note = page.locator('#ladder text.note', { hasText: /SACKed above/ }).first();
  assert.match(await note.evaluate((el) => el.firstChild.textContent), /…$/, 'beside the lane the note is cut short');
  await note.click();
  assert.equal(await page.getAttribute('#tab-why', 'aria-selected'), 'true', 'a click on a note opens the list');
  const lit = page.locator('#panel-why li.lit');
  assert.equal(await lit.count(), 1);
  assert.equal(await lit.getAttribute('data-ref'), await note.getAttribute('data-ref'));
  assert.match(await lit.innerText(), /segment at 1 lost \(3 segments SACKed above it\): fast retransmit, ssthresh \d+ segments/, 'in full, and counted from the ISN as the arrows are');

  await page.check('#absolute-seq');
  const absolute = await page.locator('#panel-why li.why-note', { hasText: /SACKed above it/ }).innerText();
  const big = /segment at (\d+) lost/.exec(absolute)?.[1];
  assert.ok(Number(big) > 1000, absolute);
  const arrowsAbs = await arrows(page);
  assert.ok(arrowsAbs.some((a) => a.label.includes(`seq ${big}:`)), 'the same number the retransmitted arrow shows');
  await page.uncheck('#absolute-seq');

  const again = page.locator('#panel-why li.why-retransmit').first();
  assert.match(await again.innerText(), /fast retransmit: sent again at once/);
  const ref = await again.getAttribute('data-ref');
  await again.locator('button').click();
  assert.equal(await page.locator(`#ladder g.arrow.selected[data-ref="${ref}"]`).count(), 1, 'an entry shows its packet on the diagram');
  await screenshot(page, 'truth-why');
  page.assertClean();
  await page.close();
});

test('the inspector shows the window scaled as Wireshark computes it', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await playExample(page, '01-handshake');
  await page.click('#ladder g.arrow[data-packet="3"]');
  const row = (name) => page.locator('#panel-inspector tr.field', { has: page.locator('th', { hasText: new RegExp(`^${name}$`) }) }).locator('td').first().innerText();
  assert.equal(await row('Window'), '502');
  assert.equal(await row('Window size scaling factor'), '128 (shift 7, from the SYNs)');
  assert.equal(await row('Calculated window size'), '64256 bytes');
  await page.click('#ladder g.arrow[data-packet="1"]');
  assert.equal(await page.locator('#panel-inspector th', { hasText: 'Calculated window size' }).count(), 0, 'a SYN\'s window is not scaled');
  page.assertClean();
  await page.close();
});

test('the toolbar shows the link\'s real latency and loss: set by hand, by an example, after a reload and an undo', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  const fields = () => Promise.all(['#net-latency', '#net-loss'].map((id) => page.inputValue(id)));
  assert.deepEqual(await fields(), ['10ms', '0%'], 'the engine\'s defaults, not placeholders');
  await type(page, 'net', 'latency 50ms');
  await type(page, 'net', 'loss 10%');
  assert.deepEqual(await fields(), ['50ms', '10%']);
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  assert.deepEqual(await fields(), ['50ms', '10%'], 'a restored session says its own settings');
  await page.click('#btn-undo');
  await page.waitForFunction(() => document.querySelector('#net-loss').value === '0%');
  await page.fill('#net-latency', '25ms');
  await page.press('#net-latency', 'Enter');
  await page.waitForFunction(() => document.querySelector('#net-latency').value === '25ms' && document.activeElement.id !== 'net-latency');
  assert.match(await page.locator('#net-console .scrollback .entry').last().innerText(), /latency 25ms/);
  await playExample(page, '17-bulk-under-loss');
  assert.equal(await page.inputValue('#net-loss'), '5%', 'the example\'s loss, as the engine has it');
  page.assertClean();
  await page.close();
});

test('a right-to-left override or another invisible character typed is shown, not obeyed', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await type(page, 'client', 'c = socket(AF_INET, SOCK_STREAM)');
  await type(page, 'client', 'send(c, "abc\u202Edef\u200B!")');
  const entry = page.locator('#host-client .scrollback .entry').last();
  const text = await entry.innerText();
  assert.ok(!/[\u202E\u200B]/.test(text), `no raw control character on screen: ${JSON.stringify(text)}`);
  assert.match(text, /abc⟨U\+202E⟩def⟨U\+200B⟩!/);
  await screenshot(page, 'bidi-echo');
  page.assertClean();
  await page.close();
});

// rawControls lists the control and bidirectional characters the page's
// text and attributes hold, drawn or not: none may reach the screen raw.
function rawControls(page) {
  return page.evaluate(() => {
    const hidden = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
    const found = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n = walk.currentNode; n; n = walk.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE) {
        if (hidden.test(n.data)) found.push(`${n.parentElement.closest('[id]')?.id}: ${JSON.stringify(n.data)}`);
      } else {
        for (const a of n.attributes) if (hidden.test(a.value)) found.push(`${n.closest('[id]')?.id} @${a.name}: ${JSON.stringify(a.value)}`);
      }
    }
    return found;
  });
}

test('a hostile payload (U+202E in a reason phrase, controls, invalid UTF-8) is shown safely on the arrows, in the inspector, the event log and the follow stream', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await typeAll(page, [...ESTABLISHED, ['client', 'send(c, "GET / HTTP/1.1\\r\\nHost: server\\r\\n\\r\\n")'],
    // the body: ff (invalid UTF-8), 01, x, U+202E, y, 07, z
    ['server', 'send(a, "HTTP/1.1 200 O\\xe2\\x80\\xaeK\\r\\nContent-Length: 9\\r\\n\\r\\n\\xff\\x01x\\xe2\\x80\\xaey\\x07z")'], ['net', 'run']]);
  const response = page.locator('#ladder g.arrow', { hasText: 'HTTP/1.1 200' });
  await response.waitFor({ timeout: 15000 });
  assert.match(await response.locator('text.label').last().textContent(), /HTTP\/1\.1 200 O⟨U\+202E⟩K/, 'the arrow\'s label marks the override');
  await response.focus();
  await page.keyboard.press('Enter');
  const inspector = page.locator('#panel-inspector');
  await inspector.locator('pre.payload').waitFor({ timeout: 15000 });
  assert.match(await inspector.locator('.insp-label').innerText(), /^HTTP\/1\.1 200 O⟨U\+202E⟩K/);
  assert.match(await inspector.locator('pre.payload').innerText(), /HTTP\/1\.1 200 O⟨U\+202E⟩K\nContent-Length: 9\n\n\uFFFD\.x⟨U\+202E⟩y\.z$/,
    'UTF-8 read as text, the invalid byte as U+FFFD, controls as dots (tcpdump -A), the override marked');
  await page.click('#tab-events');
  await page.locator('#panel-events tr.ev', { hasText: 'O⟨U+202E⟩K' }).first().waitFor({ timeout: 15000 });
  await page.click('#tab-why');
  await page.click('#tab-analysis');
  await page.click('#an-tab-follow');
  const chunk = page.locator('.follow .chunk').nth(1);
  await chunk.waitFor({ timeout: 15000 });
  assert.match(await chunk.innerText(), /O⟨U\+202E⟩K[^]*\uFFFD\.x⟨U\+202E⟩y\.z/);
  await page.selectOption('#follow-mode', 'decoded');
  await page.locator('.follow .chunk b', { hasText: 'O⟨U+202E⟩K' }).waitFor({ timeout: 15000 });
  await screenshot(page, 'truth-hostile-payload');
  assert.deepEqual(await rawControls(page), [], 'no raw control or bidirectional character anywhere in the page');
  page.assertClean();
  await page.close();
});
