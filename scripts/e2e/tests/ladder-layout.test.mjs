// The diagram is readable on every screen (issue 11): no arrow's label lies
// on another's, on a note or on a packet in flight; no note is cut off at
// the edge (a state's name is shown whole); a "⋯ later ⋯" break line is
// not drawn across arrows. Checked on what the browser drew: each text's
// box in its own coordinates, turned as the page turned it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, type, screenshot, playExample } from '../lib/harness.mjs';

const site = useSite();

// drawn lists the ladder's labels, notes and in-flight dots as polygons
// in the svg's coordinates, and the svg's width.
function drawn(page) {
  return page.evaluate(() => {
    const svgEl = document.querySelector('#ladder');
    const toSvg = svgEl.getScreenCTM().inverse();
    const corners = (el, pad = 0) => {
      const b = el.getBBox();
      const m = toSvg.multiply(el.getScreenCTM());
      return [[b.x - pad, b.y - pad], [b.x + b.width + pad, b.y - pad], [b.x + b.width + pad, b.y + b.height + pad], [b.x - pad, b.y + b.height + pad]]
        .map(([x, y]) => { const p = new DOMPoint(x, y).matrixTransform(m); return [p.x, p.y]; });
    };
    const items = [];
    for (const t of svgEl.querySelectorAll('g.arrow text.label')) {
      items.push({ kind: 'label', what: t.textContent, packet: t.closest('g.arrow').dataset.packet, poly: corners(t, -1) });
    }
    for (const t of svgEl.querySelectorAll('text.note')) items.push({ kind: 'note', what: t.firstChild.nodeValue, state: t.classList.contains('note-state'), poly: corners(t, -1) });
    for (const c of svgEl.querySelectorAll('circle.flight-dot')) items.push({ kind: 'dot', what: `dot ${c.closest('g.arrow').dataset.packet}`, packet: c.closest('g.arrow').dataset.packet, poly: corners(c) });
    const breaks = [...svgEl.querySelectorAll('line.break')].map((l) => ({ x1: +l.getAttribute('x1'), x2: +l.getAttribute('x2'), y: +l.getAttribute('y1') }));
    const shafts = [...svgEl.querySelectorAll('g.arrow line.shaft')].map((l) => ['x1', 'y1', 'x2', 'y2'].map((k) => +l.getAttribute(k)));
    return { items, breaks, shafts, width: svgEl.viewBox.baseVal.width };
  });
}

// overlap: separating-axis test of two convex polygons.
function overlap(p, q) {
  for (const poly of [p, q]) {
    for (let i = 0; i < poly.length; i++) {
      const [x1, y1] = poly[i];
      const [x2, y2] = poly[(i + 1) % poly.length];
      const nx = y1 - y2;
      const ny = x2 - x1;
      const proj = (pts) => pts.map(([x, y]) => x * nx + y * ny);
      const a = proj(p);
      const b = proj(q);
      if (Math.max(...a) <= Math.min(...b) || Math.max(...b) <= Math.min(...a)) return false;
    }
  }
  return true;
}

function problems({ items, breaks, shafts, width }) {
  const found = [];
  for (let i = 0; i < items.length; i++) {
    const a = items[i];
    const xs = a.poly.map(([x]) => x);
    if (Math.min(...xs) < 0 || Math.max(...xs) > width) found.push(`${a.kind} "${a.what}" is cut at the edge`);
    if (a.state && a.what.endsWith('…')) found.push(`state "${a.what}" is shortened`);
    for (let j = i + 1; j < items.length; j++) {
      const b = items[j];
      if (a.kind === 'dot' && b.kind === 'dot') continue;
      if (a.packet && a.packet === b.packet) continue; // a packet's dot on its own label's line
      if (a.kind === 'note' && b.kind === 'note') continue; // notes beside one lane are spread by the model
      if (overlap(a.poly, b.poly)) found.push(`${a.kind} "${a.what}" lies on ${b.kind} "${b.what}"`);
    }
  }
  for (const b of breaks) {
    for (const [x1, y1, x2, y2] of shafts) {
      if (Math.min(y1, y2) < b.y && b.y < Math.max(y1, y2) && Math.min(x1, x2) < b.x2 && b.x1 < Math.max(x1, x2)) {
        const x = x1 + ((x2 - x1) * (b.y - y1)) / (y2 - y1);
        if (x > b.x1 && x < b.x2) found.push(`a break line at y ${b.y.toFixed(0)} crosses an arrow`);
      }
    }
  }
  return found;
}

const SCREENS = [[360, 780, 'small phone'], [390, 844, 'phone'], [1366, 768, 'laptop'], [1920, 1080, 'projector']];

for (const example of ['13-http10', '05-simultaneous-close', '09-fast-retransmit']) {
  for (const [width, height, name] of SCREENS) {
    test(`${example} on a ${name}: no label lies on another, nothing is cut off`, async () => {
      const page = await openPage(site.browser.context, site.server.url);
      await page.setViewportSize({ width, height });
      await playExample(page, example);
      const found = problems(await drawn(page));
      if (found.length) await screenshot(page, `ladder-${example}-${name}`);
      assert.deepEqual(found, []);
      page.assertClean();
      await page.close();
    });
  }
}

test('with 60 ms of latency, packets in flight and "later" breaks stay clear of arrows and notes', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [host, line] of [
    ['net', 'latency 60ms'],
    ['server', 's = socket(AF_INET, SOCK_STREAM)'], ['server', 'bind(s, 0.0.0.0:80)'], ['server', 'listen(s, 5)'],
    ['client', 'c = socket(AF_INET, SOCK_STREAM)'], ['client', 'connect(c, server:80)'],
    ['net', 'run'], ['client', 'send(c, "hello there")'], ['client', 'send(c, "and again")'], ['net', 'wait 30ms'],
  ]) await type(page, host, line);
  const found = problems(await drawn(page));
  if (found.length) await screenshot(page, 'ladder-latency-phone');
  assert.deepEqual(found, []);
  page.assertClean();
  await page.close();
});

// Phones and windows come in every width, not just the three above: the
// same diagram is checked as the window is narrowed step by step.
for (const example of ['09-fast-retransmit', '13-http10']) {
  test(`${example}: no label lies on another at any width from 320 to 1000 px`, async () => {
    const page = await openPage(site.browser.context, site.server.url);
    await page.setViewportSize({ width: 1000, height: 800 });
    await playExample(page, example);
    const bad = [];
    for (let width = 1000; width >= 320; width -= 20) {
      await page.setViewportSize({ width, height: 800 });
      await page.waitForFunction((w) => Math.abs(document.querySelector('#ladder').viewBox.baseVal.width - document.querySelector('#ladder').clientWidth) < 1 && innerWidth === w, width, { timeout: 10_000 });
      const found = problems(await drawn(page));
      if (found.length) {
        bad.push(`${width} px: ${found.join('; ')}`);
        await screenshot(page, `ladder-${example}-${width}`);
      }
    }
    assert.deepEqual(bad, []);
    page.assertClean();
    await page.close();
  });
}
