// Every link of the built site resolves (issue 11): each href and src of
// every page, the notebooks' and exercises' Markdown links (?nb=NAME,
// ?ex=ID and relative files), the web app manifest, the service worker's
// precache list and the modules the pages load name a file that make dist
// wrote; #fragments name an element of their page. dist ships no README
// (the site's own notes are for its developers, not its visitors).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { DIST } from '../lib/harness.mjs';

const external = (url) => /^(?:https?:|mailto:|data:|blob:|javascript:)/i.test(url);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

// resolves says what is wrong with url as linked from the file at from
// (a path in dist), or '' when it names a file there.
function resolves(from, url, ids = new Set()) {
  if (external(url)) return '';
  const [rest, fragment] = url.split('#');
  const [path, query = ''] = rest.split('?');
  if (!path && fragment !== undefined && !query) return fragment === '' || ids.has(fragment) ? '' : `no element #${fragment}`;
  const params = new URLSearchParams(query);
  if (params.has('nb') && !existsSync(join(DIST, 'notebooks', `${params.get('nb')}.md`))) return `no notebook ${params.get('nb')}`;
  if (params.has('ex') && !existsSync(join(DIST, 'exercises', `${params.get('ex')}.md`))) return `no exercise ${params.get('ex')}`;
  if (!path) return '';
  const target = join(dirname(from), decodeURIComponent(path));
  if (!target.startsWith(DIST)) return 'outside the site';
  if (!existsSync(target)) return 'no such file';
  return '';
}

test('make dist has built the site', () => {
  assert.ok(existsSync(join(DIST, 'index.html')), `${DIST} is not built: run make dist`);
});

const files = existsSync(DIST) ? walk(DIST) : [];
const pages = files.filter((f) => f.endsWith('.html'));

test('dist ships no README', () => {
  assert.deepEqual(files.filter((f) => /README/i.test(f)).map((f) => relative(DIST, f)), []);
});

test('every href and src of every page resolves', () => {
  assert.ok(pages.length >= 5, `the pages: ${pages.map((p) => relative(DIST, p))}`);
  const bad = [];
  for (const page of pages) {
    const html = readFileSync(page, 'utf8');
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    for (const [, attr, url] of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
      const why = resolves(page, url, ids);
      if (why) bad.push(`${relative(DIST, page)}: ${attr}="${url}": ${why}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('the notebooks\' and exercises\' Markdown links resolve from the page that shows them', () => {
  const bad = [];
  let seen = 0;
  for (const [folder, page] of [['notebooks', 'notebook.html'], ['exercises', 'exercises.html']]) {
    for (const md of files.filter((f) => f.startsWith(join(DIST, folder)) && f.endsWith('.md'))) {
      const text = readFileSync(md, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
      for (const [, url] of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        seen++;
        const why = url.startsWith('#') ? '' : resolves(join(DIST, page), url);
        if (why) bad.push(`${relative(DIST, md)}: (${url}): ${why}`);
      }
    }
  }
  assert.ok(seen > 0, 'the tutorials link to each other');
  assert.deepEqual(bad, []);
});

test('the web app manifest\'s start page and icons, and every file the service worker precaches, exist', () => {
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.webmanifest'), 'utf8'));
  const from = join(DIST, 'manifest.webmanifest');
  const bad = [manifest.start_url, ...manifest.icons.map((i) => i.src)].filter((u) => resolves(from, u));
  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
  const precache = JSON.parse(/const PRECACHE = (\[[^\]]*\])/.exec(sw)[1]);
  assert.ok(precache.length > 20, `precache: ${precache.length} files`);
  for (const url of precache) if (url !== './' && resolves(join(DIST, 'sw.js'), url)) bad.push(`sw.js precaches ${url}`);
  assert.deepEqual(bad, []);
});

test('the modules the pages load, and every module they import, exist', () => {
  const bad = [];
  const seen = new Set();
  const visit = (mod, from) => {
    if (seen.has(mod)) return;
    seen.add(mod);
    if (!existsSync(mod)) return bad.push(`${relative(DIST, from)}: ${relative(DIST, mod)}: no such file`);
    for (const [, url] of readFileSync(mod, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"\n]*?from\s+'([^']+)'/g)) {
      visit(join(dirname(mod), url), mod);
    }
  };
  for (const page of pages) {
    for (const [, url] of readFileSync(page, 'utf8').matchAll(/<script type="module" src="([^"]+)"/g)) visit(join(dirname(page), url), page);
  }
  assert.ok(seen.size >= 4, `modules: ${[...seen].map((m) => relative(DIST, m))}`);
  assert.deepEqual(bad, []);
});
