// "Save as an exercise": a teacher's session (seed and script, from the
// playground's share link) drafted by the engine as an exercise file
// (exDraft: the first lines are the setup, the rest the reference
// solution, goals proposed from what it made happen), edited as text,
// checked by the engine's authoring check (exCheck, as `sockplay exercise
// check`) and downloaded. The text autosaves on this device. A goal
// editor writes goal lines tried live on the draft (goal-form.mjs), and
// "Try it as a learner" opens the draft as a student sees it, its goals
// checked after every line, without saving progress or touching the draft.

import { h, replace } from '../dom.mjs';
import { download } from '../downloads.mjs';
import { loadSetting, saveSetting } from './store.mjs';
import { GoalForm } from './goal-form.mjs';
import { ExercisePage } from './page.mjs';

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
    const hosts = [...new Set(this.lines.map((l) => /^\s*([\w-]+)>/.exec(l)?.[1]).filter((x) => x && x !== 'net'))];
    this.goalForm = new GoalForm(this.engine, hosts, { text: () => this.text.value, add: (block) => this.addGoal(block) });
    this.page = h('div', { class: 'au-page' },
      h('h1', { class: 'nb-title', text: 'New exercise from a session' }),
      h('p', { class: 'ex-note', text: 'The first lines run as the setup; the rest are the reference solution, and the goals are proposed from what they made happen (each met by the solution and by no empty attempt, for three learners). Write the task, edit goals, hints and questions, check, and download the file for sockplay grade and the Exercises page.' }),
      h('div', { class: 'au-form' },
        h('label', { for: 'au-title', text: 'Title' }), this.title,
        h('label', { for: 'au-setup', text: 'Setup: the first' }), h('span', {}, this.setup, ` of ${this.lines.length} lines`)),
      this.list,
      h('div', { class: 'ex-buttons au-buttons' },
        h('button', { type: 'button', id: 'au-draft', text: 'Propose goals', onclick: () => this.draft() }),
        h('button', { type: 'button', id: 'au-check', text: 'Check', onclick: () => this.check() }),
        h('button', { type: 'button', id: 'au-try', text: 'Try it as a learner', onclick: () => this.tryAsLearner() }),
        h('button', { type: 'button', id: 'au-download', class: 'primary', text: 'Download .md', onclick: () => this.download() })),
      this.result, this.goalForm.el, this.text);
    this.trial = h('div', { class: 'au-trial', id: 'au-trial', hidden: true });
    replace(this.root, this.page, this.trial);
    this.showLines();
    if (mine?.text) {
      this.text.value = mine.text;
      this.edited = true;
    } else {
      this.draft();
    }
    return true;
  }

  // addGoal puts a goal block from the goal editor before the solution
  // (at the end when there is none), and checks the draft.
  addGoal(block) {
    const text = this.text.value;
    const at = /^`{3,}\s*solution\b/m.exec(text)?.index ?? text.length;
    const before = text.slice(0, at);
    this.text.value = `${before}${before.endsWith('\n\n') || !before ? '' : before.endsWith('\n') ? '\n' : '\n\n'}${block}\n${text.slice(at)}`;
    this.edited = true;
    this.save();
    this.check();
  }

  // tryAsLearner opens the draft as the Exercises page shows it to a
  // learner (the learner id of the page's header, or the document's
  // seed): nothing is saved, and Back returns to the draft as it was.
  async tryAsLearner() {
    const learner = document.getElementById('ex-learner')?.value.trim() ?? '';
    const back = h('button', { type: 'button', id: 'au-back', class: 'primary', text: 'Back to the draft', onclick: () => this.backToDraft() });
    const view = h('div', { class: 'au-trial-view' });
    replace(this.trial, h('p', { class: 'au-trial-bar', role: 'status' },
      h('span', { text: `Trying the draft as learner ${learner || '(the document’s seed)'}: this is what a student sees. Nothing is saved.` }), back), view);
    this.learnerView = new ExercisePage(view, this.engine, { trial: true });
    this.page.hidden = true;
    this.trial.hidden = false;
    if (!await this.learnerView.open(this.text.value, learner)) view.prepend(h('p', { class: 'ex-note', text: 'Fix the draft (Check shows where), then try again.' }));
    this.trial.scrollIntoView({ block: 'start' });
  }

  backToDraft() {
    this.learnerView = null;
    replace(this.trial);
    this.trial.hidden = true;
    this.page.hidden = false;
    document.title = 'sockplay exercises';
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
