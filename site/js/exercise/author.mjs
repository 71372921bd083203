// "Save as an exercise": a teacher's session (seed and script, from the
// playground's share link) drafted by the engine as an exercise file
// (exDraft: the first lines are the setup, the rest the reference
// solution, goals proposed from what it made happen), edited as text,
// checked by the engine's authoring check (exCheck, as `sockplay exercise
// check`) and downloaded. The text autosaves on this device.

import { h, replace } from '../dom.mjs';
import { download } from '../downloads.mjs';
import { loadSetting, saveSetting } from './store.mjs';

const KEY = 'author-draft';

export class AuthorPage {
  constructor(root, engine, { seed, script }, link) {
    this.root = root;
    this.engine = engine;
    this.seed = seed;
    this.script = script;
    this.link = link; // the share fragment: a saved draft belongs to it
    // The lines that do something, as the engine counts the setup's.
    this.lines = script.split(/\r?\n/).filter((l) => !/^[ \t]*(#|$)/.test(l));
    this.edited = false;
  }

  async open() {
    const saved = await loadSetting(KEY).catch(() => undefined);
    const mine = saved?.link === this.link ? saved : null;
    this.title = h('input', { id: 'au-title', class: 'ex-input', value: mine?.title ?? 'My exercise', autocomplete: 'off' });
    this.setup = h('input', { id: 'au-setup', class: 'au-setup', type: 'number', min: 0, max: this.lines.length, value: mine?.setup ?? 0 });
    this.list = h('ol', { class: 'au-lines', id: 'au-lines' });
    this.text = h('textarea', { id: 'au-text', class: 'au-text', spellcheck: 'false', 'aria-label': 'the exercise file' });
    this.result = h('div', { id: 'au-result', class: 'au-result', role: 'status' });
    this.setup.oninput = () => this.showLines();
    this.text.oninput = () => { this.edited = true; this.result.replaceChildren(); this.save(); };
    this.title.oninput = () => this.save();
    replace(this.root,
      h('h1', { class: 'nb-title', text: 'New exercise from a session' }),
      h('p', { class: 'ex-note', text: 'The first lines run as the setup; the rest are the reference solution, and the goals are proposed from what they made happen (each met by the solution and by no empty attempt, for three learners). Write the task, edit goals, hints and questions, check, and download the file for sockplay grade and the Exercises page.' }),
      h('div', { class: 'au-form' },
        h('label', { for: 'au-title', text: 'Title' }), this.title,
        h('label', { for: 'au-setup', text: 'Setup: the first' }), h('span', {}, this.setup, ` of ${this.lines.length} lines`)),
      this.list,
      h('div', { class: 'ex-buttons au-buttons' },
        h('button', { type: 'button', id: 'au-draft', text: 'Propose goals', onclick: () => this.draft() }),
        h('button', { type: 'button', id: 'au-check', text: 'Check', onclick: () => this.check() }),
        h('button', { type: 'button', id: 'au-download', class: 'primary', text: 'Download .md', onclick: () => this.download() })),
      this.result, this.text);
    this.showLines();
    if (mine?.text) {
      this.text.value = mine.text;
      this.edited = true;
    } else {
      this.draft();
    }
    return true;
  }

  showLines() {
    const n = Number(this.setup.value) || 0;
    replace(this.list, this.lines.map((l, i) => h('li', { class: i < n ? 'au-setup-line' : 'au-solution-line' },
      h('span', { class: 'au-role', text: i < n ? 'setup' : 'solution' }), h('code', { text: l }))));
  }

  // draft asks the engine for a new file, after a confirmation when it
  // would replace the teacher's edits.
  draft() {
    if (this.edited && !confirm('Propose goals again? Your edits to the text are replaced.')) return;
    const n = Math.min(Math.max(Number(this.setup.value) || 0, 0), this.lines.length);
    try {
      this.text.value = this.engine.exDraft(this.title.value, this.seed, this.script, n);
    } catch (err) {
      this.result.replaceChildren(h('p', { class: 'nb-problem', text: err.message }));
      return;
    }
    this.edited = false;
    this.result.replaceChildren();
    this.save();
  }

  check() {
    const r = this.engine.exCheck(this.text.value);
    if (r.problems) {
      replace(this.result, h('div', { class: 'nb-problems', role: 'alert' },
        r.problems.map((p) => h('p', { class: 'nb-problem', text: `${p.line}:${p.col}: ${p.message}` }))));
      this.result.dataset.ok = 'false';
      return;
    }
    this.id = r.id;
    replace(this.result, h('p', { class: 'ex-right', text: `ok: ${r.id}, ${r.goals} goals, ${r.questions} questions, ${r.wrong} wrong attempts, par ${r.par}` }));
    this.result.dataset.ok = 'true';
  }

  download() {
    const id = /^ {2}id: *([A-Za-z0-9_-]+)/m.exec(this.text.value)?.[1] ?? 'exercise';
    download(`${id}.md`, this.text.value, 'text/markdown');
  }

  save() {
    this.saving = saveSetting(KEY, { link: this.link, title: this.title.value, setup: this.setup.value, text: this.text.value }).catch(() => {});
  }
}
