// The notebook page's exports: .ipynb with each cell's ladder as
// image/svg+xml (nbformat's validator accepts it, the CLI imports it back
// to the same .md, the SVG is the page's own drawing), and a static .html
// with the ladders inline, no script, that prints to PDF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useSite, openPage, downloaded, screenshot, ROOT, IS_FIREFOX } from '../lib/harness.mjs';

const site = useSite({ cli: true });

// saveFrom clicks a More menu item and returns the downloaded file's path.
async function saveFrom(page, button) {
  await page.click('.nb-more summary');
  return (await downloaded(page, button)).path;
}

test('the page exports .ipynb with ladder diagrams and a static .html', async () => {
  const page = await openPage(site.browser.context, `${site.server.url}notebook.html?nb=handshake`);
  const ipynbFile = await saveFrom(page, '#nb-export-ipynb');
  assert.match(ipynbFile, /handshake\.ipynb$/);
  const nb = JSON.parse(readFileSync(ipynbFile, 'utf8'));
  const code = nb.cells.filter((c) => c.cell_type === 'code');
  const drawn = await page.locator('.nb-cell svg.nb-ladder').count();
  const svgs = code.flatMap((c) => c.outputs.filter((o) => o.data?.['image/svg+xml']).map((o) => o.data['image/svg+xml'].join('')));
  assert.ok(drawn >= 3 && svgs.length === drawn, `a diagram per cell that sent packets: ${svgs.length} of ${drawn}`);
  for (const svg of svgs) {
    assert.match(svg, /^<svg[^>]* xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.doesNotMatch(svg, /<script|tabindex|class="hit"/);
  }
  // The arrows' labels are the page's own.
  const pageLabels = await page.$$eval('.nb-cell svg.nb-ladder g.arrow text.label', (ts) => ts.map((t) => t.textContent));
  const fileLabels = svgs.flatMap((s) => [...s.matchAll(/<text[^>]*class="label"[^>]*>(.*?)<\/text>/g)].map((m) => m[1].replace(/<[^>]+>/g, '')));
  assert.deepEqual(fileLabels, pageLabels);
  assert.ok(code.every((c) => c.outputs.some((o) => o.data?.['text/plain'])), 'every cell has its transcript');

  // nbformat's own validator, and the CLI reads it back to the .md.
  const check = spawnSync('/usr/bin/python3', ['-c', 'import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))', ipynbFile], { encoding: 'utf8' });
  if (check.error || /No module named/.test(check.stderr)) {
    assert.ok(!process.env.CI, 'python3-nbformat is missing: scripts/test.sh installs it');
  } else {
    assert.equal(check.status, 0, check.stderr);
  }
  // Jupyter's own renderer (nbconvert's lab template) shows the diagrams.
  const lab = spawnSync('/usr/bin/python3', ['-m', 'nbconvert', '--to', 'html', '--stdout', ipynbFile], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (lab.error || /No module named/.test(lab.stderr)) {
    assert.ok(!process.env.CI, 'python3-nbconvert is missing: scripts/test.sh installs it');
  } else {
    assert.equal(lab.status, 0, lab.stderr);
    assert.equal((lab.stdout.match(/<div class="jp-RenderedSVG[^>]*>\s*<svg /g) ?? []).length, drawn, 'every diagram rendered as SVG');
  }
  const md = execFileSync(site.cli, ['notebook', 'ipynb', '--import', ipynbFile], { encoding: 'utf8' });
  assert.equal(md, readFileSync(join(ROOT, 'site', 'notebooks', 'handshake.md'), 'utf8'), 'imported back to the same document');
  // The same transcripts as the CLI's export.
  const cliNb = JSON.parse(execFileSync(site.cli, ['notebook', 'run', '--to', 'ipynb', join(ROOT, 'site', 'notebooks', 'handshake.md')], { encoding: 'utf8' }));
  const plain = (n) => n.cells.filter((c) => c.cell_type === 'code').map((c) => c.outputs.filter((o) => o.data?.['text/plain'] && !o.data['image/svg+xml']).map((o) => o.data['text/plain'].join('')));
  assert.deepEqual(plain(nb), plain(cliNb));

  const htmlFile = await saveFrom(page, '#nb-export-html');
  const html = readFileSync(htmlFile, 'utf8');
  assert.doesNotMatch(html, /<script/i);
  assert.equal((html.match(/<figure class="ladder"><svg /g) ?? []).length, drawn);
  assert.match(html, /@media print/);
  const copy = await site.browser.context.newPage();
  await copy.route('**/*', (route) => route.abort()); // it needs nothing from anywhere
  await copy.setContent(html);
  assert.equal(await copy.locator('h1.title').innerText(), 'The three-way handshake');
  assert.equal(await copy.locator('figure.ladder svg g.arrow').count(), await page.locator('.nb-cell svg.nb-ladder g.arrow').count());
  await copy.setViewportSize({ width: 1366, height: 900 });
  await screenshot(copy, 'notebook-export-html');
  if (!IS_FIREFOX) {
    const pdf = await copy.pdf({ format: 'A4' });
    assert.equal(pdf.subarray(0, 4).toString(), '%PDF');
    writeFileSync(join(mkdtempSync(join(tmpdir(), 'sockplay-pdf-')), 'handshake.pdf'), pdf);
  }
  await copy.close();
  page.assertClean();
  await page.close();
});
