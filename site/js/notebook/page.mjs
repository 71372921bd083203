// The notebook page: the prose and sock cells of one document, held and
// run by the notebook engine (nbOpen, nbSetCell, nbSetPart, nbSetFront,
// nbRunTo, nbRunAll, nbText). The state after cell k is always the replay
// of cells 1..k in order: a cell whose source, or an earlier one's, changed
// since it ran is marked (freshness.mjs) until it runs again. Prose and
// front matter are edited in place; every edit autosaves per document.

import { h, $, replace } from '../dom.mjs';
import { inspectPacket } from '../inspector.mjs';
import { SeqNumbering } from '../packet.mjs';
import { download } from '../downloads.mjs';
import { Completer } from '../completion.mjs';
import { standaloneSVG, toIpynb, toHTML } from './export.mjs';
import { renderProse } from './prose.mjs';
import { renderCellRun, advanceNumbering, figureSVG } from './cell.mjs';
import { cellKeys, cellStates } from './freshness.mjs';
import { loadDraft, saveDraft, dropDraft, lineDiff } from './store.mjs';
import { t, msg, tr } from '../i18n.mjs';

const STATUS = {
  never: msg('ui.nb.status.never', 'not run'),
  fresh: msg('ui.nb.status.fresh', 'up to date'),
  failed: msg('ui.nb.status.failed', 'stopped at an error'),
  edited: msg('ui.nb.status.edited', 'edited: run to see what it does'),
  stale: msg('ui.nb.status.stale', 'stale: a cell above changed'),
};

// frontMatter is the body of text's front matter (between its --- lines).
function frontMatter(text) {
  const m = /^---\r?\n([\s\S]*?)^---\r?$/m.exec(text);
  return m && m.index === 0 ? m[1] : '';
}

export class NotebookPage {
  constructor(root, engine) {
    this.root = root;
    this.engine = engine; // the notebook engine holds the document and runs it
    this.key = null;   // the autosave key: "bundled:NAME" or "file:NAME"
    this.base = '';    // the text as shipped or opened
    this.name = 'notebook.md';
    this.doc = null;
    this.runs = new Map();  // cell id → {key, source, failed, cell} of its last run
    this.cells = new Map(); // cell id → {el, status, digest, problem, out}
    this.saving = Promise.resolve();
    this.handle = null; // the file it was opened from, where the browser can write it back
  }

  // open shows text as the document key; a draft saved from the same base
  // comes back, one saved from another base is offered beside it.
  async open(key, name, text) {
    this.key = key;
    this.name = name;
    this.base = text;
    const draft = await loadDraft(key).catch(() => undefined);
    if (draft && draft.text !== text && draft.base !== text) {
      this.offerChoice(draft);
      return this.show(text);
    }
    return this.show(draft && draft.text !== text ? draft.text : text);
  }

  show(text) {
    const r = this.engine.nbOpen(text);
    if (r.problems) {
      replace(this.root, h('div', { class: 'nb-problems', role: 'alert' },
        h('h2', { text: t('ui.nb.cannot-open', '{name} cannot be opened', { name: this.name }) }),
        r.problems.map((p) => h('p', { text: `${this.name}:${p.line}:${p.col}: ${p.message}` }))));
      return false;
    }
    this.runs.clear();
    this.setDoc(r.doc);
    this.markModified();
    return true;
  }

  setDoc(doc) {
    this.doc = doc;
    document.title = t('ui.nb.doc-title', '{title} — sockplay notebook', { title: doc.title || this.name });
    this.draw();
  }

  draw() {
    this.cells.clear();
    const parts = this.doc.parts.map((p, i) => (p.kind === 'prose' ? this.proseEl(p, i) : this.cellEl(p)));
    replace(this.root,
      this.doc.title ? h('h1', { class: 'nb-title', text: this.doc.title }) : null,
      this.frontEl(),
      parts,
      h('div', { class: 'nb-add' },
        h('button', { type: 'button', text: t('ui.nb.add-cell', 'Add a cell'), onclick: () => this.append('```sock\n```\n') }),
        h('button', { type: 'button', text: t('ui.nb.add-text', 'Add text'), onclick: () => this.append(`${t('ui.nb.new-paragraph', 'New paragraph.')}\n`, true) })));
    this.drawOutputs();
  }

  // frontEl edits the front matter: title, seed, network settings.
  frontEl() {
    const editor = h('textarea', { class: 'nb-source', spellcheck: 'false', 'aria-label': t('ui.nb.front.label', 'front matter (YAML)') });
    editor.value = frontMatter(this.engine.nbText()).replace(/\n$/, '');
    editor.rows = Math.max(editor.value.split('\n').length, 2);
    const problem = h('p', { class: 'nb-problem', hidden: true, role: 'alert' });
    const apply = () => {
      const r = this.engine.nbSetFront(editor.value === '' ? '' : editor.value + '\n');
      if (this.showProblems(problem, r)) return;
      this.setDoc(r.doc);
      this.autosave();
    };
    return h('details', { class: 'nb-front' },
      h('summary', { text: `${t('ui.nb.front.seed', 'seed {seed}', { seed: this.doc.seed })}${this.doc.settings.map((s) => `, ${s.key} ${s.value}`).join('')}` }),
      editor, problem,
      h('div', { class: 'nb-edit-actions' }, h('button', { type: 'button', text: t('ui.nb.apply', 'Apply'), onclick: apply })));
  }

  proseEl(part, index) {
    const el = h('div', { class: 'nb-prose', dataset: { index } });
    const view = h('div', { class: 'nb-prose-view' });
    renderProse(view, part.text);
    const edit = () => {
      const editor = h('textarea', { class: 'nb-source nb-prose-source', spellcheck: 'true', 'aria-label': t('ui.nb.prose.label', 'text (Markdown)') });
      editor.value = part.text;
      editor.rows = Math.max(part.text.split('\n').length, 3);
      const problem = h('p', { class: 'nb-problem', hidden: true, role: 'alert' });
      const done = () => {
        if (editor.value === part.text) return this.draw();
        const r = this.engine.nbSetPart(index, editor.value);
        if (this.showProblems(problem, r)) return undefined;
        this.setDoc(r.doc);
        return this.autosave();
      };
      editor.onkeydown = (e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); done(); }
        if (e.key === 'Escape') this.draw();
      };
      replace(el, editor, problem, h('div', { class: 'nb-edit-actions' },
        h('span', { class: 'muted', text: t('ui.nb.prose.note', 'Markdown; a ```sock fence makes a cell') }),
        h('button', { type: 'button', text: t('ui.cancel', 'Cancel'), onclick: () => this.draw() }),
        h('button', { type: 'button', class: 'primary', text: t('ui.nb.done', 'Done'), title: 'Ctrl+Enter', onclick: done })));
      editor.focus();
    };
    view.ondblclick = edit;
    el.append(h('button', { type: 'button', class: 'nb-edit', text: t('ui.nb.edit', 'Edit'), title: t('ui.nb.edit.title', 'edit this text (or double-click it)'), onclick: edit }), view);
    return el;
  }

  cellEl(part) {
    const editor = h('textarea', {
      class: 'nb-source', spellcheck: 'false', 'aria-label': `cell ${part.id}`,
      rows: Math.max(part.source.split('\n').length, 1),
      oninput: () => this.edited(part.id, editor),
      onkeydown: (e) => {
        if (e.key === 'Enter' && (e.shiftKey || e.ctrlKey)) { e.preventDefault(); this.runTo(part.id); }
        // Tab completes as in the consoles (on an empty line it moves on).
        if (e.key === 'Tab' && !e.shiftKey && completer.wants()) { e.preventDefault(); completer.complete(); }
        if (e.key === 'Escape') completer.hide();
      },
    });
    editor.value = part.source;
    const completions = h('div', { class: 'completions', role: 'listbox', 'aria-label': t('ui.completions', 'Completions'), hidden: true });
    // The engine completes a line against the session of the last run:
    // calls, constants, hosts and the variables the cells so far made.
    const completer = new Completer(editor, completions, (line, cursor) => this.engine.complete(line, cursor));
    const status = h('span', { class: 'nb-status', 'aria-live': 'polite' });
    const digest = h('span', { class: 'nb-digest' });
    const problem = h('p', { class: 'nb-problem', hidden: true, role: 'alert' });
    const out = h('div', { class: 'nb-output' });
    const el = h('section', { class: 'nb-cell', id: part.id, dataset: { state: 'never' } },
      h('div', { class: 'nb-cell-bar' },
        h('a', { class: 'nb-anchor', href: `#${part.id}`, title: t('ui.nb.cell-link', 'a link to this cell'), text: `#${part.id}` }),
        status, digest,
        h('button', { type: 'button', class: 'nb-run', text: t('ui.nb.run-to', 'Run to here'), title: t('ui.nb.run-to.title', 'runs every cell from the first to this one (Shift+Enter)'), onclick: () => this.runTo(part.id) })),
      editor, completions, problem, out);
    this.cells.set(part.id, { el, status, digest, problem, out, editor });
    return el;
  }

  // adopt takes over from the preview (preview.mjs) drawn before the
  // engine was up: each cell typed in there goes through the engine as an
  // edit (autosaved, or its problem shown), the caret goes back where it
  // was, and a run asked for meanwhile runs now. A cell is matched by its
  // place when it still has the source the preview showed.
  adopt(preview) {
    const cells = this.doc.parts.filter((p) => p.kind === 'cell');
    const shown = preview.doc.parts.filter((p) => p.kind === 'cell');
    if (cells.length !== shown.length) return;
    for (const [i, typed] of preview.sources) {
      const c = this.cells.get(cells[i].id);
      if (cells[i].source === typed || cells[i].source !== shown[i].source) continue; // saved already, or not the same cell
      c.editor.value = typed;
      this.edited(cells[i].id, c.editor);
    }
    const focus = preview.focus();
    const editor = focus && this.cells.get(cells[focus.index].id).editor;
    if (editor) {
      editor.focus({ preventScroll: true });
      editor.setSelectionRange(focus.start, focus.end);
    }
    if (preview.wanted === 'all') this.runAll();
    else if (preview.wanted !== null) this.runTo(cells[preview.wanted].id);
  }

  // showProblems shows an edit's refusal in el; true when there was one
  // (the document did not change).
  showProblems(el, r) {
    el.hidden = !r.problems;
    if (r.problems) el.textContent = r.problems.map((p) => `line ${p.line}, column ${p.col}: ${p.message}`).join('\n');
    return !!r.problems;
  }

  // edited keeps the document in step with a cell's text.
  edited(id, editor) {
    editor.rows = Math.max(editor.value.split('\n').length, 1);
    const c = this.cells.get(id);
    let r;
    try {
      r = this.engine.nbSetCell(id, editor.value);
    } catch (err) {
      r = { problems: [{ line: 0, col: 0, message: err.message }] };
    }
    if (this.showProblems(c.problem, r)) return;
    this.doc = r.doc;
    this.markStates();
    this.autosave();
  }

  append(text, editIt = false) {
    const r = this.engine.nbSetPart(this.doc.parts.length, text);
    if (r.problems) return this.toast(r.problems[0].message);
    this.setDoc(r.doc);
    this.autosave();
    const last = [...this.root.querySelectorAll(editIt ? '.nb-prose .nb-edit' : '.nb-cell textarea')].pop();
    if (editIt) last?.click();
    else last?.focus();
    return undefined;
  }

  markStates() {
    for (const [id, state] of cellStates(this.doc, this.runs)) {
      const c = this.cells.get(id);
      if (!c) continue;
      c.el.dataset.state = state;
      c.status.textContent = tr(STATUS[state]);
    }
  }

  autosave() {
    const text = this.engine.nbText();
    this.saving = this.saving.then(() => (text === this.base ? dropDraft(this.key) : saveDraft(this.key, text, this.base)))
      .catch((err) => this.toast(t('ui.nb.autosave-failed', 'Autosave failed: {message}. Download the .md to keep your work.', { message: err.message })));
    this.markModified();
  }

  markModified() {
    const modified = this.engine.nbText() !== this.base;
    document.documentElement.dataset.modified = String(modified);
    $('#nb-modified').hidden = !modified;
  }

  // compare shows the lines changed since the document was opened (the
  // shipped text, for a bundled notebook).
  compare() {
    const diff = lineDiff(this.base, this.engine.nbText()).filter((d) => d.op !== ' ');
    replace($('#nb-compare-diff'), diff.map((d) => h('div', { class: d.op === '+' ? 'add' : 'del', text: `${d.op} ${d.text}` })));
    $('#nb-compare-dialog').showModal();
  }

  revert() {
    this.saving = this.saving.then(() => dropDraft(this.key));
    this.show(this.base);
  }

  runAll() { this.runTo(null); }

  // runTo replays the document to cell id (all cells when null) and draws
  // every cell's outputs.
  runTo(id) {
    let run;
    try {
      run = id ? this.engine.nbRunTo(id) : this.engine.nbRunAll();
    } catch (err) {
      this.toast(t('ui.nb.engine-failed', 'The engine failed: {message}', { message: err.message }));
      return;
    }
    if (run.problem) this.toast(t('ui.nb.front-problem', 'The front matter, line {line}: {message}', { line: run.problem.line, message: run.problem.message }));
    const keys = cellKeys(this.doc);
    const sources = new Map(this.doc.parts.filter((p) => p.kind === 'cell').map((p) => [p.id, p.source]));
    for (const cell of run.cells) {
      this.runs.set(cell.id, { key: keys.get(cell.id), source: sources.get(cell.id), failed: !!cell.error, cell });
    }
    this.drawOutputs();
    const failed = run.cells.find((c) => c.error);
    if (failed) this.cells.get(failed.id)?.el.scrollIntoView({ block: 'nearest' });
    document.documentElement.dataset.ran = String((Number(document.documentElement.dataset.ran) || 0) + 1);
  }

  // drawOutputs draws each cell's last output (marked when it no longer
  // shows what the cells do), its digest check, and the states.
  drawOutputs() {
    // A cell's ladder numbers sequence numbers from its connection's SYN,
    // which an earlier cell may have sent.
    const numbering = new SeqNumbering();
    for (const part of this.doc.parts) {
      if (part.kind !== 'cell') continue;
      const c = this.cells.get(part.id);
      const run = this.runs.get(part.id);
      if (!run) {
        replace(c.out);
        replace(c.digest);
        continue;
      }
      if (c.drawn !== run.cell) {
        renderCellRun(c.out, run.cell, {
          numbering: numbering.clone(), source: run.source, inspect: (root, events, pid) => this.inspect(root, part.id, events, pid),
          attrs: part.attrs ?? [], session: () => { this.engine.nbRunTo(part.id); return this.engine; },
        });
        c.drawn = run.cell;
      }
      advanceNumbering(numbering, run.cell);
      const { reproduces } = run.cell;
      c.digest.textContent = reproduces === undefined ? '' : reproduces ? t('ui.nb.digest.matches', 'matches its digest') : t('ui.nb.digest.differs', 'differs from its digest');
      c.digest.className = `nb-digest${reproduces === false ? ' differs' : ''}`;
      c.digest.title = reproduces === false
        ? t('ui.nb.digest.differs.title', 'this engine\'s output (digest {digest}) is not what the notebook was written with ({expected})', { digest: run.cell.digest, expected: run.cell.expected }) : '';
    }
    this.markStates();
  }

  // inspect shows a packet of cell id: the engine's session is brought to
  // the end of that cell (cached, nothing re-runs when it is fresh).
  inspect(root, id, events, pid) {
    const state = this.cells.get(id)?.el.dataset.state;
    if (state !== 'fresh' && state !== 'failed') {
      replace(root, h('p', { class: 'muted', text: t('ui.nb.out-of-date', 'This output is out of date: run the cell to inspect its packets.') }));
      return;
    }
    try {
      this.engine.nbRunTo(id);
      inspectPacket(root, this.engine, events, pid);
    } catch (err) {
      replace(root, h('p', { class: 'err', text: t('ui.nb.packet-unshown', 'This packet cannot be shown ({message}).', { message: err.message }) }));
    }
  }

  save() {
    download(this.name, this.engine.nbText(), 'text/markdown');
  }

  // exportRun runs every cell (drawing them) and hands the engine, whose
  // session is then the whole notebook's, to write.
  exportRun(write) {
    this.runAll();
    const failed = [...this.cells.values()].find((c) => c.el.dataset.state === 'failed');
    if (failed) this.toast(t('ui.nb.export-stops', 'The notebook stops at an error in #{cell}: the export ends there.', { cell: failed.el.id }));
    write(this.engine);
    $('.nb-more').open = false;
  }

  // ranCells are the cells' runs that the page shows up to date, by id.
  ranCells() {
    const fresh = new Map();
    for (const [id, r] of this.runs) {
      const state = this.cells.get(id)?.el.dataset.state;
      if (state === 'fresh' || state === 'failed') fresh.set(id, r.cell);
    }
    return fresh;
  }

  // ladders are the SVG files of the ladders drawn, by cell id.
  ladders() {
    const out = new Map();
    for (const [id, c] of this.cells) {
      const svg = c.out.querySelector('svg.nb-ladder');
      if (svg) out.set(id, standaloneSVG(svg));
    }
    return out;
  }

  // figures are the SVG files of the other outputs drawn (a cell's graph:
  // cell.mjs, figureSVG), by cell id.
  figures() {
    const out = new Map();
    for (const [id, c] of this.cells) {
      const svgs = [...c.out.children].filter((el) => figureSVG.has(el)).map((el) => figureSVG.get(el)());
      if (svgs.length) out.set(id, svgs);
    }
    return out;
  }

  ipynb() {
    return toIpynb(this.engine.nbText(), this.doc, this.ranCells(), this.ladders(), this.figures());
  }

  staticHTML() {
    const ladders = this.ladders();
    const figures = this.figures();
    const parts = this.doc.parts.map((p, i) => (p.kind === 'prose'
      ? { kind: 'prose', html: this.root.querySelector(`.nb-prose[data-index="${i}"] .nb-prose-view`)?.innerHTML ?? '' }
      : { kind: 'cell', id: p.id, source: p.source, svg: ladders.get(p.id), figures: figures.get(p.id) ?? [] }));
    return toHTML(this.doc, this.ranCells(), parts);
  }

  // offerChoice: the shipped text changed since the draft was saved from
  // it. Both are kept until the user picks one; the diff shows how they differ.
  offerChoice(draft) {
    const dialog = $('#nb-choice');
    const diff = lineDiff(this.base, draft.text).filter((d) => d.op !== ' ');
    replace($('#nb-diff'), diff.map((d) => h('div', { class: d.op === '+' ? 'add' : 'del', text: `${d.op} ${d.text}` })));
    $('#nb-keep-draft').onclick = () => { dialog.close(); this.show(draft.text); };
    $('#nb-keep-shipped').onclick = () => {
      dialog.close();
      download(this.name.replace(/\.md$/, '') + '-local.md', draft.text, 'text/markdown');
      this.saving = this.saving.then(() => dropDraft(this.key));
    };
    dialog.showModal();
  }

  toast(text) {
    const t = $('#toast');
    t.textContent = text;
    t.classList.add('show');
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => t.classList.remove('show'), 4000);
  }
}
