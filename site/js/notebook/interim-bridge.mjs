// The notebook calls of /work/team/nb-api.md (nbOpen, nbSetCell, nbRunTo,
// nbRunAll, nbText) over the session methods every engine has, until the
// notebook engine's own calls land (core/notebook): the page then uses
// those and this file goes. It reads only what the page needs now: the
// front matter's seed, prose, and ```sock cells with their id.

const FENCE = /^```sock(?:[ \t]+(.*))?$/;

// splitDocument cuts text into parts whose raws joined give text back.
function splitDocument(text) {
  const lines = text.split(/(?<=\n)/);
  const parts = [];
  let seed = '1';
  let title = '';
  let i = 0;
  if (lines[0]?.trimEnd() === '---') {
    const end = lines.findIndex((l, k) => k > 0 && l.trimEnd() === '---');
    if (end < 0) return { problems: [{ line: 1, col: 1, message: 'the front matter has no closing ---' }] };
    for (const l of lines.slice(1, end)) {
      const m = /^(\w+):\s*(.*?)\s*$/.exec(l);
      if (m?.[1] === 'seed') seed = m[2];
      if (m?.[1] === 'title') title = m[2].replace(/^["']|["']$/g, '');
    }
    parts.push({ kind: 'front', raw: lines.slice(0, end + 1).join(''), line: 1 });
    i = end + 1;
  }
  if (!/^\d{1,20}$/.test(seed)) return { problems: [{ line: 1, col: 1, message: `the seed is a whole number, not ${seed}` }] };
  let prose = null;
  let n = 0;
  const ids = new Set();
  while (i < lines.length) {
    const open = FENCE.exec(lines[i].replace(/\r?\n$/, ''));
    if (!open) {
      if (!prose) { prose = { kind: 'prose', raw: '', line: i + 1 }; parts.push(prose); }
      prose.raw += lines[i++];
      continue;
    }
    const close = lines.findIndex((l, k) => k > i && l.replace(/\r?\n$/, '') === '```');
    if (close < 0) return { problems: [{ line: i + 1, col: 1, message: 'this sock cell has no closing ```' }] };
    n++;
    const id = /(?:^|\s)id=([A-Za-z0-9_-]{1,64})(?:\s|$)/.exec(open[1] ?? '')?.[1] ?? `cell-${n}`;
    if (ids.has(id)) return { problems: [{ line: i + 1, col: 1, message: `a second cell with id ${id}` }] };
    ids.add(id);
    parts.push({ kind: 'cell', id, fence: lines[i], source: lines.slice(i + 1, close).join(''), close: lines[close], line: i + 1 });
    prose = null;
    i = close + 1;
  }
  return { doc: { title, seed, parts } };
}

export class InterimNotebook {
  constructor(engine) { this.engine = engine; this.doc = null; }

  nbOpen(text) {
    const r = splitDocument(text);
    if (r.doc) this.doc = r.doc;
    return r.doc ? { doc: this.view() } : r;
  }

  nbSetCell(id, source) {
    const cell = this.doc.parts.find((p) => p.kind === 'cell' && p.id === id);
    if (!cell) return { problems: [{ line: 1, col: 1, message: `no cell ${id}` }] };
    cell.source = source === '' || source.endsWith('\n') ? source : source + '\n';
    return { doc: this.view() };
  }

  nbText() {
    return this.doc.parts.map((p) => (p.kind === 'cell' ? p.fence + p.source + p.close : p.raw)).join('');
  }

  // nbRunTo replays cells 1..id from a fresh session with the doc's seed;
  // a refused line stops the run. Each cell also carries the session's
  // state at its end (the engine's; asked of nb-core for nbRunTo too).
  nbRunTo(id) {
    this.engine.newSession(this.doc.seed);
    const cells = [];
    for (const part of this.doc.parts) {
      if (part.kind !== 'cell') continue;
      const cell = { id: part.id, outputs: [] };
      cells.push(cell);
      const lines = part.source.split('\n');
      for (let k = 0; k < lines.length; k++) {
        const line = lines[k];
        if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
        const out = this.engine.exec(line);
        cell.outputs.push(out);
        if (out.error) {
          cell.error = { line: part.line + 1 + k, col: out.error.col, message: out.error.message };
          cell.state = this.engine.state();
          return { cells };
        }
      }
      cell.state = this.engine.state();
      if (part.id === id) break;
    }
    return { cells };
  }

  nbRunAll() { return this.nbRunTo(null); }

  view() {
    const { title, seed } = this.doc;
    const parts = this.doc.parts.filter((p) => p.kind !== 'front')
      .map((p) => (p.kind === 'cell' ? { kind: 'cell', id: p.id, source: p.source, line: p.line } : { kind: 'prose', text: p.raw, line: p.line }));
    return { title, seed, parts };
  }
}
