// The notebook page's exports: .ipynb (nbformat 4.5, laid out as
// `sockplay notebook run --to ipynb` writes it, so `sockplay notebook ipynb
// --import` reads it back to the same .md) and a static .html that needs
// no script. Both carry each cell's ladder as the SVG the page's renderer
// drew (image/svg+xml in the .ipynb, inline in the .html), with the styles
// written into every element so that it looks the same away from the page,
// and the cell's graph (graph=cwnd) as its SVG export.

// STYLED are the properties the ladder's stylesheet sets.
const STYLED = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin',
  'opacity', 'paint-order', 'font-family', 'font-size', 'font-weight', 'font-style'];

// standaloneSVG is svg (drawn on the page) as a file of its own: computed
// styles written in, no click targets or focus stops.
export function standaloneSVG(svg) {
  const copy = svg.cloneNode(true);
  const drawn = [svg, ...svg.querySelectorAll('*')];
  [copy, ...copy.querySelectorAll('*')].forEach((el, i) => {
    const style = getComputedStyle(drawn[i]);
    // As presentation attributes: the page's CSP forbids style attributes.
    for (const p of STYLED) el.setAttribute(p, style.getPropertyValue(p));
    for (const a of ['tabindex', 'role', 'data-ref']) el.removeAttribute(a);
  });
  for (const hit of copy.querySelectorAll('.hit')) hit.remove();
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return new XMLSerializer().serializeToString(copy);
}

// splitLines is nbformat's multiline string: lines keeping their "\n".
function splitLines(s) {
  return s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

// rawParts cuts the document's text where its parts start: the front
// matter as written, then each part as written.
function rawParts(text, doc) {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const starts = doc.parts.map((p) => p.line - 1);
  const front = lines.slice(0, starts[0] ?? lines.length).join('');
  const raw = starts.map((s, i) => lines.slice(s, starts[i + 1] ?? lines.length).join(''));
  return { front, raw };
}

// toIpynb is the document (text, doc as the engine reads it) with its
// runs (cell id → CellRun), ladders (cell id → SVG text) and figures
// (cell id → SVG texts: a cell's graph).
export function toIpynb(text, doc, runs, ladders, figures = new Map()) {
  const { front, raw } = rawParts(text, doc);
  const taken = new Set(doc.parts.filter((p) => p.kind === 'cell').map((p) => p.id));
  const order = [...runs.keys()];
  let prose = 0;
  const cells = doc.parts.map((p, i) => {
    if (p.kind === 'prose') {
      let id = `md-${++prose}`;
      while (taken.has(id)) id += 'x';
      taken.add(id);
      return { cell_type: 'markdown', id, metadata: {}, source: splitLines(p.text) };
    }
    const sockplay = { raw: raw[i] };
    if (p.digest) sockplay.digest = p.digest;
    if (p.attrs?.length) sockplay.attrs = p.attrs.map((a) => ({ Key: a.key, Value: a.value }));
    const run = runs.get(p.id);
    const outputs = [];
    if (run?.transcript) outputs.push({ output_type: 'display_data', data: { 'text/plain': splitLines(run.transcript) }, metadata: {} });
    if (run && ladders.has(p.id)) {
      outputs.push({ output_type: 'display_data', data: { 'image/svg+xml': splitLines(ladders.get(p.id)), 'text/plain': [`the ladder diagram of cell ${p.id}`] }, metadata: {} });
    }
    for (const svg of (run && figures.get(p.id)) || []) {
      outputs.push({ output_type: 'display_data', data: { 'image/svg+xml': splitLines(svg), 'text/plain': [`a graph of cell ${p.id}`] }, metadata: {} });
    }
    if (run?.error) {
      const e = run.error;
      outputs.push({ output_type: 'error', ename: 'refused', evalue: e.message, traceback: [`line ${e.line}, column ${e.col}: ${e.message}`] });
    }
    return { cell_type: 'code', id: p.id, metadata: { sockplay }, execution_count: run ? order.indexOf(p.id) + 1 : null, outputs, source: splitLines(p.source) };
  });
  const metadata = {
    kernelspec: { name: 'sockplay', display_name: 'sockplay', language: 'sockplay' },
    language_info: { name: 'sockplay' },
    sockplay: { seed: doc.seed },
  };
  if (doc.title) metadata.title = doc.title;
  if (front) metadata.sockplay = { front, seed: doc.seed };
  return JSON.stringify({ cells, metadata, nbformat: 4, nbformat_minor: 5 }, null, 1) + '\n';
}

// toHTML is the page as one static file: the title, the prose as the page
// renders it, each cell's source, transcript, error and ladder, and a
// stylesheet that prints cleanly.
export function toHTML(doc, runs, parts) {
  const esc = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const body = parts.map((part) => {
    if (part.kind === 'prose') return `<div class="prose">\n${part.html}</div>\n`;
    const run = runs.get(part.id);
    let out = `<section class="cell" id="${esc(part.id)}">\n<pre class="source"><code>${esc(part.source)}</code></pre>\n`;
    if (!run) out += '<p class="note">Not run: an earlier cell stopped the run.</p>\n';
    if (run?.transcript) out += `<pre class="transcript">${esc(run.transcript.replace(/\n$/, ''))}</pre>\n`;
    if (run?.error) out += `<p class="error">${esc(`line ${run.error.line}, column ${run.error.col}: ${run.error.message}`)}</p>\n`;
    if (run && part.svg) out += `<figure class="ladder">${part.svg}</figure>\n`;
    for (const svg of (run && part.figures) || []) out += `<figure class="graph">${svg}</figure>\n`;
    return `${out}</section>\n`;
  }).join('');
  const title = doc.title || 'sockplay notebook';
  return `<!doctype html>
<html lang="${esc(doc.lang || 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="sockplay notebook page">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${doc.title ? `<h1 class="title">${esc(doc.title)}</h1>\n` : ''}${body}</main>
</body>
</html>
`;
}

// STYLE is the CLI's (core/notebook/nbhtml), with the ladders' figures.
const STYLE = `
:root { color-scheme: light; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1b1b1b; background: #fff; }
main { max-width: 52rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
pre { font: 13px/1.45 ui-monospace, Menlo, Consolas, monospace; overflow-x: auto; padding: .6rem .8rem; margin: .4rem 0; border-radius: 4px; }
.source { background: #f3f5f8; border-left: 3px solid #3b6db3; }
.transcript { background: #fbfbfb; border: 1px solid #e3e3e3; white-space: pre-wrap; overflow-wrap: anywhere; }
.error { color: #a4161a; font-weight: 600; }
.note { color: #666; font-style: italic; }
.cell { margin: 1rem 0; }
.ladder { margin: .4rem 0; overflow-x: auto; }
.ladder svg, .graph svg { max-width: 100%; height: auto; }
.graph { margin: .4rem 0; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; }
a { color: #1d4f91; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  pre { font-size: 8.5pt; white-space: pre-wrap; overflow-wrap: anywhere; border-radius: 0; }
  .source { background: none; }
  .cell, .ladder, .graph { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 90%; }
}
`;
