// The notebook page: prose and sock cells of one document; cells run in
// order from a fresh session (the state after cell k is the replay of
// cells 1..k), each drawn with the playground's renderers; every edit
// autosaves per document.

import { h, $, replace } from '../dom.mjs';
import { renderEntry, renderLate } from '../transcript.mjs';
import { buildLadder } from '../ladder-model.mjs';
import { SeqNumbering, decodePacket } from '../packet.mjs';
import { base64ToBytes } from '../format.mjs';
import { renderLadder } from '../ladder.mjs';
import { inspectPacket } from '../inspector.mjs';
import { download } from '../downloads.mjs';
import { renderProse } from './prose.mjs';
import { loadDraft, saveDraft, dropDraft, lineDiff } from './store.mjs';

const HOSTS = ['client', 'server']; // first, then any host a cell adds

// lanesOf: the ladder's lanes for a cell's events: client and server, then
// the other hosts those events involve, in the order the session added them.
function lanesOf(events, state) {
  const seen = new Set(events.flatMap((e) => (e.kind === 'send' ? [e.from, e.to] : [])));
  const others = (state?.hosts ?? []).map((x) => x.name).filter((n) => !HOSTS.includes(n) && seen.has(n));
  return HOSTS.concat(others);
}

export class NotebookPage {
  constructor(root, { engine, notebook }) {
    this.root = root;
    this.engine = engine;
    this.nb = notebook;
    this.key = null;   // the autosave key: "bundled:NAME" or "file:NAME"
    this.base = '';    // the text as shipped or opened
    this.name = 'notebook.md';
    this.doc = null;
    this.cells = new Map(); // id → {el, state: 'never'|'fresh'|'stale'|'failed'}
    this.saving = Promise.resolve();
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
    this.show(draft && draft.text !== text ? draft.text : text);
  }

  show(text) {
    const r = this.nb.nbOpen(text);
    if (r.problems) {
      replace(this.root, h('div', { class: 'nb-problems', role: 'alert' },
        h('h2', { text: `${this.name} cannot be opened` }),
        r.problems.map((p) => h('p', { text: `${this.name}:${p.line}:${p.col}: ${p.message}` }))));
      return false;
    }
    this.doc = r.doc;
    document.title = `${this.doc.title || this.name} — sockplay notebook`;
    this.draw();
    this.markModified();
    return true;
  }

  draw() {
    this.cells.clear();
    const parts = this.doc.parts.map((p) => (p.kind === 'prose' ? this.proseEl(p) : this.cellEl(p)));
    replace(this.root, this.doc.title ? h('h1', { class: 'nb-title', text: this.doc.title }) : null, parts);
  }

  proseEl(part) {
    const el = h('div', { class: 'nb-prose' });
    renderProse(el, part.text);
    return el;
  }

  cellEl(part) {
    const editor = h('textarea', {
      class: 'nb-source', spellcheck: 'false', 'aria-label': `cell ${part.id}`,
      rows: Math.max(part.source.split('\n').length - 1, 1),
      oninput: () => this.edited(part.id, editor),
      onkeydown: (e) => { if (e.key === 'Enter' && e.shiftKey) { e.preventDefault(); this.runTo(part.id); } },
    });
    editor.value = part.source.replace(/\n$/, '');
    const status = h('span', { class: 'nb-status', 'aria-live': 'polite' });
    const el = h('section', { class: 'nb-cell', id: part.id, dataset: { state: 'never' } },
      h('div', { class: 'nb-cell-bar' },
        h('a', { class: 'nb-anchor', href: `#${part.id}`, title: 'a link to this cell', text: `#${part.id}` }),
        status,
        h('button', { type: 'button', class: 'nb-run', text: 'Run to here', title: 'Shift+Enter', onclick: () => this.runTo(part.id) })),
      editor,
      h('div', { class: 'nb-output' }));
    this.cells.set(part.id, { el, status, editor });
    this.setState(part.id, 'never');
    return el;
  }

  setState(id, state) {
    const c = this.cells.get(id);
    c.el.dataset.state = state;
    c.status.textContent = { never: 'not run', fresh: 'up to date', stale: 'stale: an earlier cell changed', failed: 'stopped at an error', edited: 'edited: run to see it' }[state];
  }

  // edited keeps the document in step with a cell's text; this cell and
  // every cell after it no longer show what their sources do.
  edited(id, editor) {
    this.nb.nbSetCell(id, editor.value);
    editor.rows = Math.max(editor.value.split('\n').length, 1);
    let after = false;
    for (const [cid, c] of this.cells) {
      if (cid === id) { after = true; if (c.el.dataset.state !== 'never') this.setState(cid, 'edited'); continue; }
      if (after && c.el.dataset.state !== 'never') this.setState(cid, 'stale');
    }
    this.autosave();
  }

  autosave() {
    const text = this.nb.nbText();
    this.saving = this.saving.then(() => (text === this.base ? dropDraft(this.key) : saveDraft(this.key, text, this.base)))
      .catch((err) => this.toast(`Autosave failed: ${err.message}. Download the .md to keep your work.`));
    this.markModified();
  }

  markModified() {
    const modified = this.nb.nbText() !== this.base;
    document.documentElement.dataset.modified = String(modified);
    $('#nb-modified').hidden = !modified;
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
      run = id ? this.nb.nbRunTo(id) : this.nb.nbRunAll();
    } catch (err) {
      this.toast(`The engine failed: ${err.message}`);
      return;
    }
    // Each cell's ladder numbers sequence numbers relative to the
    // connection's SYN, which may have been sent by an earlier cell.
    const numbering = new SeqNumbering();
    for (const cell of run.cells) {
      this.drawOutputs(cell, numbering.clone());
      this.setState(cell.id, cell.error ? 'failed' : 'fresh');
      for (const e of cell.outputs.flatMap((o) => o.events ?? [])) {
        if (e.kind !== 'send') continue;
        const p = decodePacket(base64ToBytes(e.bytes));
        if (p?.proto === 'tcp') numbering.relative(p);
      }
    }
    document.documentElement.dataset.ran = String((Number(document.documentElement.dataset.ran) || 0) + 1);
  }

  drawOutputs(cell, numbering) {
    const c = this.cells.get(cell.id);
    if (!c) return;
    const out = c.el.querySelector('.nb-output');
    const transcript = h('div', { class: 'nb-transcript scrollback' }, cell.outputs.map((o) => {
      const entry = renderEntry(o, { prompt: `${o.host || 'net'}>` });
      for (const late of o.late ?? []) entry.append(renderLate(late));
      return entry;
    }));
    const events = cell.outputs.flatMap((o) => o.events ?? []);
    const parts = [transcript];
    if (events.some((e) => e.kind === 'send')) {
      const svgEl = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      svgEl.setAttribute('class', 'nb-ladder');
      const inspector = h('div', { class: 'nb-inspector', hidden: true });
      const draw = (selected) => {
        const model = buildLadder(events, cell.state, { hosts: lanesOf(events, cell.state), numbering });
        renderLadder(svgEl, model, {
          width: Math.max(out.clientWidth || 600, 320), selected, idPrefix: `${cell.id}-`,
          onPick: (pid) => { draw(pid); this.inspect(inspector, cell, events, pid); },
          onFlight: (pid) => { draw(pid); this.inspect(inspector, cell, events, pid); },
        });
      };
      parts.push(h('div', { class: 'nb-ladder-box' }, svgEl), inspector);
      replace(out, parts);
      draw(null);
      return;
    }
    replace(out, parts);
  }

  // inspect shows a packet of this cell; the session is at the end of the
  // last cell run, which holds every packet of the cells before it.
  inspect(root, cell, events, id) {
    root.hidden = false;
    try {
      inspectPacket(root, this.engine, events, id);
    } catch (err) {
      replace(root, h('p', { class: 'err', text: `Run to here to inspect this packet (${err.message}).` }));
    }
  }

  save() {
    download(this.name, this.nb.nbText(), 'text/markdown');
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
