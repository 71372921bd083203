// The document before the engine runs (it takes a second or two to
// compile): its prose rendered and its cells' sources in editors, to read
// and type in at once. The split here only draws; the engine's parse
// (nbOpen) replaces it as soon as the engine is up, and the page then
// puts the cells typed in meanwhile back through the engine (nbSetCell),
// which checks them. Fences are found as core/notebook/fence.go finds
// them (CommonMark 4.5): a cell is a ```sock block, other blocks are prose.

import { h, replace } from '../dom.mjs';
import { renderProse } from './prose.mjs';
import { t } from '../i18n.mjs';

// lines splits text after every "\n", as core/notebook's lines does.
function lines(text) {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

const bare = (line) => line.replace(/\r?\n$/, '').replace(/\r$/, '');

// openFence reads a line as an opening fence, or null.
function openFence(line) {
  const m = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(bare(line));
  if (!m) return null;
  const info = m[3].trim();
  if (m[2][0] === '`' && info.includes('`')) return null;
  return { indent: m[1].length, char: m[2][0], n: m[2].length, info };
}

function closes(f, line) {
  const m = /^ {0,3}(`+|~+)[ \t]*$/.exec(bare(line));
  return !!m && m[1][0] === f.char && m[1].length >= f.n;
}

// splitDocument is text's title, front matter and parts: prose (its
// text) and cells (their id when the fence names one, source as the
// engine cleans it, and the lines [from, to) of the source in the text).
export function splitDocument(text) {
  const ls = lines(text);
  let start = 0;
  let front = null;
  if (ls.length && bare(ls[0]) === '---') {
    const end = ls.findIndex((l, i) => i > 0 && bare(l) === '---');
    if (end > 0) {
      front = ls.slice(1, end).join('');
      start = end + 1;
    }
  }
  const title = front && /^title:[ \t]*(["']?)(.*?)\1[ \t]*$/m.exec(front)?.[2];
  const parts = [];
  let prose = start;
  const flush = (upTo) => { if (upTo > prose) parts.push({ kind: 'prose', text: ls.slice(prose, upTo).join('') }); };
  for (let i = start; i < ls.length; i++) {
    const f = openFence(ls[i]);
    if (!f) continue;
    let end = ls.findIndex((l, j) => j > i && closes(f, l));
    if (end < 0) end = ls.length; // the engine will say where it is not closed
    if (f.info.split(/[ \t]/)[0] === 'sock') {
      flush(i);
      const source = ls.slice(i + 1, end).map((l) => l.replace(new RegExp(`^ {0,${f.indent}}`), '').replace(/\r(?=\n)/, '')).join('')
        .replace(/[\r\n]+$/, ''); // as the engine's cleanSource
      parts.push({ kind: 'cell', id: /(?:^|[ \t])id=(\S+)/.exec(f.info)?.[1] ?? null, source, from: i + 1, to: end, fence: f });
      prose = end + 1;
    }
    i = end;
  }
  flush(ls.length);
  return { title: title || '', front, parts, lines: ls };
}

// Preview draws a split document in root. Typed cells change text();
// save(text) is called after each edit that keeps the document's shape
// (a line closing the cell's fence would end the cell early: the engine
// reports that one when it is up). wanted is what the learner asked to
// run meanwhile: a cell's index, or 'all'.
export class Preview {
  constructor(root, text, { save = async () => {}, readOnly = false } = {}) {
    this.root = root;
    this.doc = splitDocument(text);
    this.save = save;
    this.saving = Promise.resolve(); // the last save, done
    this.readOnly = readOnly;
    this.sources = new Map(); // cell index -> its text in the editor, once typed in
    this.wanted = null;
    this.caret = null;
    this.draw();
  }

  draw() {
    const cells = this.doc.parts.filter((p) => p.kind === 'cell');
    replace(this.root,
      this.doc.title ? h('h1', { class: 'nb-title', text: this.doc.title }) : null,
      // the front matter's place, so nothing moves when the page takes over
      h('details', { class: 'nb-front' }, h('summary', { text: t('ui.nb.settings', 'settings') })),
      this.doc.parts.map((p) => (p.kind === 'prose' ? this.proseEl(p) : this.cellEl(p, cells.indexOf(p)))));
  }

  proseEl(part) {
    const view = h('div', { class: 'nb-prose-view' });
    renderProse(view, part.text);
    return h('div', { class: 'nb-prose' }, view);
  }

  cellEl(part, index) {
    const status = h('span', { class: 'nb-status', 'aria-live': 'polite', text: t('ui.nb.status.never', 'not run') });
    const run = () => {
      this.wanted = index;
      status.textContent = 'runs when the engine is up';
    };
    const editor = h('textarea', {
      class: 'nb-source', spellcheck: 'false', 'aria-label': `cell ${part.id ?? index + 1}`,
      rows: Math.max(part.source.split('\n').length, 1), readOnly: this.readOnly,
      oninput: () => { note(); this.edited(part, index, editor); },
      onkeydown: (e) => { if (e.key === 'Enter' && (e.shiftKey || e.ctrlKey)) { e.preventDefault(); run(); } },
      onfocus: () => note(),
      onkeyup: () => note(),
      onmouseup: () => note(),
      onblur: () => { if (!this.leaving) this.caret = null; },
    });
    const note = () => { this.caret = { index, start: editor.selectionStart, end: editor.selectionEnd }; };
    editor.value = part.source;
    return h('section', { class: 'nb-cell', id: part.id ?? undefined, dataset: { state: 'never', preview: 'true' } },
      h('div', { class: 'nb-cell-bar' },
        part.id ? h('a', { class: 'nb-anchor', href: `#${part.id}`, text: `#${part.id}` }) : null,
        status,
        h('button', { type: 'button', class: 'nb-run', text: t('ui.nb.run-to', 'Run to here'), title: t('ui.nb.run-to.title', 'runs every cell from the first to this one (Shift+Enter)'), onclick: run })),
      editor);
  }

  edited(part, index, editor) {
    editor.rows = Math.max(editor.value.split('\n').length, 1);
    this.sources.set(index, editor.value);
    const typed = lines(editor.value.endsWith('\n') || editor.value === '' ? editor.value : `${editor.value}\n`);
    if (typed.some((l) => closes(part.fence, l))) return;
    const text = this.text();
    this.saving = this.saving.then(() => this.save(text)).catch(() => {});
  }

  // text is the document with the cells' sources as typed.
  text() {
    const out = [];
    let at = 0;
    const cells = this.doc.parts.filter((p) => p.kind === 'cell');
    cells.forEach((p, i) => {
      if (!this.sources.has(i)) return;
      const pad = ' '.repeat(p.fence.indent);
      const typed = this.sources.get(i);
      out.push(...this.doc.lines.slice(at, p.from),
        ...lines(typed === '' || typed.endsWith('\n') ? typed : `${typed}\n`).map((l) => pad + l));
      at = p.to;
    });
    out.push(...this.doc.lines.slice(at));
    return out.join('');
  }

  // leave: the page takes over; the caret stays noted where it was when
  // the preview's editors go.
  leave() { this.leaving = true; }

  // focus is where the caret was last: a cell's index and selection, or
  // null when no cell has it.
  focus() { return this.caret; }
}
