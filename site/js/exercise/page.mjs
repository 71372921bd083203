// One exercise: the task (the document's prose), its visible setup cells,
// the goals checklist that the engine re-checks after every line, hints
// one at a time, questions answered from the learner's own trace, the
// learner's console with its transcript and ladder (the notebook's cell
// renderer), Undo, "show solution" after a confirmation, and Submit. All
// scoring is the engine's (exExec, exAnswer, exScore): the same code as
// `sockplay grade`, so the practice score is the grader's.

import { h, $, replace } from '../dom.mjs';
import { inspectPacket } from '../inspector.mjs';
import { SeqNumbering } from '../packet.mjs';
import { download } from '../downloads.mjs';
import { renderProse } from '../notebook/prose.mjs';
import { renderCellRun, advanceNumbering } from '../notebook/cell.mjs';
import { loadProgress, saveProgress } from './store.mjs';
import { t, engineText } from '../i18n.mjs';

// The exercise's own fenced blocks: the panel shows them, the prose not.
const EXERCISE_BLOCK = /^(`{3,}|~{3,})\s*(goal|question|solution|attempt)\b[^\n]*\n[\s\S]*?^\1[ \t]*$/gm;

export class ExercisePage {
  // A trial (the author page's "Try it as a learner") keeps no progress.
  constructor(root, engine, { trial = false } = {}) {
    this.root = root;
    this.engine = engine;
    this.trial = trial;
    this.text = '';
    this.learner = '';
    this.ex = null;
    this.outputs = []; // the learner's lines' outputs, in order
    this.goals = [];
    this.answers = {};
    this.checked = {}; // question id → its verdict after Check
    this.hints = {};   // goal id → hints revealed
    this.score = null;
    this.saving = Promise.resolve();
  }

  // open starts the exercise for learner and brings back their progress.
  async open(text, learner) {
    this.text = text;
    this.learner = learner;
    const saved = this.trial ? undefined : await loadProgress(this.idOf(text), learner).catch(() => undefined);
    this.answers = { ...(saved?.answers ?? {}) };
    this.hints = { ...(saved?.hints ?? {}) };
    if (!this.start(saved?.lines ?? [])) return false;
    for (const [id, value] of Object.entries(this.answers)) this.score = this.engine.exAnswer(id, value);
    this.checked = Object.fromEntries(Object.keys(this.answers).map((id) => [id, true]));
    this.draw();
    return true;
  }

  idOf(text) { return /^\s+id:\s*(\S+)/m.exec(text)?.[1] ?? ''; }

  // start opens a fresh run and replays lines; false when the document
  // cannot be opened (its problems are shown).
  start(lines) {
    const r = this.engine.exOpen(this.text, this.learner);
    if (r.problems) {
      replace(this.root, h('div', { class: 'nb-problems', role: 'alert' }, h('h2', { text: t('ui.ex.cannot-open', 'This exercise cannot be opened') }),
        r.problems.map((p) => h('p', { text: `${p.line}:${p.col}: ${p.message}` }))));
      return false;
    }
    this.ex = r.exercise;
    this.goals = r.goals;
    // The setup's packets, hidden cells' too, so that the learner's ladder
    // numbers sequence numbers from the connection's SYN, as tcpdump does.
    this.setupEvents = this.engine.trace(0);
    this.outputs = [];
    for (const line of lines) {
      const x = this.engine.exExec(line);
      if (x.output.error) break; // a line the exercise no longer allows: progress stops before it
      this.outputs.push(x.output);
      this.goals = x.goals;
    }
    this.score = this.engine.exScore();
    document.title = `${this.ex.title} — sockplay exercises`;
    return true;
  }

  draw() {
    const ex = this.ex;
    const doc = this.engine.nbOpen(this.text).doc;
    const setupById = new Map(ex.setup.map((c) => [c.id, c]));
    const numbering = new SeqNumbering();
    const task = [];
    for (const part of doc.parts) {
      if (part.kind === 'prose') {
        const el = h('div', { class: 'nb-prose' });
        renderProse(el, part.text.replace(EXERCISE_BLOCK, ''));
        task.push(el);
        continue;
      }
      const setup = setupById.get(part.id);
      if (!setup || setup.hidden) continue;
      const run = { id: part.id, outputs: setup.outputs, state: null };
      const out = h('div', { class: 'nb-output' });
      task.push(h('section', { class: 'nb-cell ex-setup', id: part.id, 'data-state': 'fresh' },
        h('div', { class: 'nb-cell-bar' }, h('span', { class: 'nb-anchor', text: `#${part.id}` }), h('span', { class: 'nb-status', text: t('ui.ex.setup', 'setup: run for you') })),
        h('pre', { class: 'nb-source ex-source', text: part.source }), out));
      renderCellRun(out, run, { numbering: numbering.clone(), inspect: (root, events, pid) => inspectPacket(root, this.engine, events, pid) });
      advanceNumbering(numbering, run);
    }
    this.numbering = new SeqNumbering();
    advanceNumbering(this.numbering, { outputs: [{ events: this.setupEvents }] });
    this.panel = h('aside', { class: 'ex-panel', 'aria-label': t('ui.ex.panel', 'goals and questions') });
    this.consoleOut = h('div', { class: 'nb-output ex-run' });
    this.input = h('input', { class: 'ex-input', id: 'ex-line', autocomplete: 'off', spellcheck: 'false', 'aria-label': t('ui.ex.line', 'a line, e.g. client> close(c)'), placeholder: 'client> close(c)' });
    this.error = h('p', { class: 'nb-problem', id: 'ex-error', hidden: true, role: 'alert' });
    const form = h('form', { class: 'ex-form', onsubmit: (e) => { e.preventDefault(); this.run(this.input.value); } },
      this.input, h('button', { type: 'submit', class: 'primary', text: t('ui.ex.run', 'Run') }),
      h('button', { type: 'button', id: 'ex-undo', text: t('ui.ex.undo', 'Undo'), onclick: () => this.undo() }));
    replace(this.root,
      h('h1', { class: 'nb-title', text: ex.title }),
      h('div', { class: 'ex-layout' },
        h('div', { class: 'ex-main' }, task,
          h('section', { class: 'nb-cell ex-task', id: ex.task },
            h('div', { class: 'nb-cell-bar' }, h('span', { class: 'nb-anchor', text: `#${ex.task}` }), h('span', { class: 'nb-status', text: t('ui.ex.your-lines', 'your lines (allowed: {allowed})', { allowed: this.allowed() }) })),
            form, this.error, this.consoleOut)),
        this.panel));
    this.drawRun();
    this.drawPanel();
  }

  allowed() {
    const ex = this.ex;
    const parts = [];
    if (ex.consoles.length) parts.push(t('ui.ex.allowed.consoles', 'consoles {list}', { list: ex.consoles.join(', ') }));
    if (ex.calls.length) parts.push(t('ui.ex.allowed.calls', 'calls {list}', { list: ex.calls.join(', ') }));
    if (ex.net.length) parts.push(`net> ${ex.net.join(', ')}`);
    return parts.join('; ') || t('ui.ex.allowed.anything', 'anything');
  }

  drawRun() {
    if (!this.outputs.length) {
      replace(this.consoleOut, h('p', { class: 'muted', text: t('ui.ex.type-a-line', 'Type a line above: the goals on the right are checked after every line.') }));
      return;
    }
    const run = { id: 'ex-run', outputs: this.outputs, state: this.engine.state() };
    this.pick = renderCellRun(this.consoleOut, run, { numbering: this.numbering.clone(), inspect: (root, events, pid) => inspectPacket(root, this.engine, events, pid) });
  }

  drawPanel() {
    const ex = this.ex;
    const sc = this.score;
    const verdict = new Map(this.goals.map((g) => [g.id, g]));
    const goals = ex.goals.map((g) => {
      const v = verdict.get(g.id);
      const shown = this.hints[g.id] ?? 0;
      return h('li', { class: 'ex-goal', id: `goal-${g.id}`, 'data-met': String(Boolean(v?.met)) },
        h('span', { class: 'ex-mark', 'aria-hidden': 'true', text: v?.met ? '✓' : '○' }),
        h('div', { class: 'ex-goal-body' },
          h('code', { class: 'ex-goal-text', text: g.goal }), h('span', { class: 'ex-points', text: ` ${t('ui.ex.points', '{n} pt', { n: g.points })}` }),
          v?.met
            ? h('p', { class: 'ex-met' }, v.line
              ? [t('ui.ex.met-at', 'met at '), h('a', { href: '#', class: 'ex-line-link', text: t('ui.ex.your-line', 'your line {n}', { n: v.line }), onclick: (e) => { e.preventDefault(); this.showLine(v.line); } })]
              : t('ui.ex.met-now', 'met now'), v.packet ? [t('ui.ex.met-by', ' by '), h('a', { href: '#', class: 'ex-link', text: t('ui.ex.packet', 'packet #{n}', { n: v.packet }), onclick: (e) => { e.preventDefault(); this.showPacket(v.packet); } })] : '')
            : h('p', { class: 'ex-missing', text: g.missing }),
          g.hints.slice(0, shown).map((hint, i) => h('p', { class: 'ex-hint', text: t('ui.ex.hint', 'Hint {n}: {hint}', { n: i + 1, hint }) })),
          !v?.met && shown < g.hints.length
            ? h('button', { type: 'button', class: 'ex-hint-btn', text: t('ui.ex.hint-button', 'Hint {n} of {total}', { n: shown + 1, total: g.hints.length }), onclick: () => this.hint(g.id) }) : null));
    });
    const qs = ex.questions.map((q) => {
      const given = this.answers[q.id] ?? '';
      const res = sc.questions.find((x) => x.id === q.id);
      const field = q.choices.length
        ? h('select', { class: 'ex-answer', id: `answer-${q.id}`, 'aria-label': q.ask }, h('option', { value: '', text: t('ui.ex.choose', 'choose…') }),
          q.choices.map((c) => h('option', { value: c, text: c, selected: c === given })))
        : h('input', { class: 'ex-answer', id: `answer-${q.id}`, inputmode: 'decimal', value: given, 'aria-label': q.ask, autocomplete: 'off' });
      return h('li', { class: 'ex-question', id: `question-${q.id}`, 'data-correct': this.checked[q.id] ? String(Boolean(res?.correct)) : 'unchecked' },
        h('p', { text: `${q.ask} (${t('ui.ex.points', '{n} pt', { n: q.points })})` }),
        h('form', { class: 'ex-qform', onsubmit: (e) => { e.preventDefault(); this.answer(q.id, field.value); } }, field, h('button', { type: 'submit', text: t('ui.ex.check', 'Check') })),
        this.checked[q.id] ? h('p', { class: res?.correct ? 'ex-right' : 'ex-wrong', text: res?.correct ? t('ui.ex.right', 'Right: that is what your session says.') : (res?.reason || t('ui.ex.not-right', 'not right')) }) : null);
    });
    const solved = sc.solved
      ? (sc.atPar ? t('ui.ex.solved-par', 'solved at par ({lines} lines, par {par})', { lines: sc.lines, par: sc.par }) : t('ui.ex.solved-in', 'solved in {lines} lines (par {par})', { lines: sc.lines, par: sc.par }))
      : t('ui.ex.par', 'par {par} lines', { par: sc.par });
    replace(this.panel,
      h('p', { class: 'ex-score', id: 'ex-score', 'data-points': String(sc.points) }, h('strong', { text: t('ui.ex.score', 'Practice score {points}/{max}', { points: sc.points, max: sc.max }) }), ` · ${solved}`),
      h('p', { class: 'ex-note', text: t('ui.ex.learner-note', 'Learner: {learner}. This score is practice: your teacher’s grader replays your lines and decides.', { learner: this.learner || t('ui.ex.no-learner', '(none: the document’s seed)') }) }),
      h('h2', { text: t('ui.ex.goals', 'Goals') }), h('ul', { class: 'ex-goals' }, goals),
      qs.length ? [h('h2', { text: t('ui.ex.questions', 'Questions') }), h('ul', { class: 'ex-questions' }, qs)] : null,
      h('div', { class: 'ex-buttons' },
        h('button', { type: 'button', id: 'ex-solution', text: t('ui.ex.show-solution', 'Show solution'), onclick: () => this.showSolution() }),
        h('button', { type: 'button', id: 'ex-submit', class: 'primary', text: t('ui.ex.submit', 'Submit'), onclick: () => this.submit() })),
      this.solutionEl ?? null);
  }

  run(line) {
    if (!line.trim()) return;
    const x = this.engine.exExec(line);
    if (x.output.error) {
      const e = x.output.error;
      const where = e.col ? t('ui.ex.column', 'column {col}: ', { col: e.col }) : '';
      this.error.textContent = `${where}${engineText(e.message, e.ref)}${e.hint ? ` (${engineText(e.hint, e.hintRef)})` : ''}`;
      this.error.hidden = false;
      return;
    }
    this.error.hidden = true;
    this.input.value = '';
    this.outputs.push(x.output);
    this.goals = x.goals;
    this.score = this.engine.exScore();
    this.drawRun();
    this.drawPanel();
    this.save();
  }

  undo() {
    if (!this.outputs.length) return;
    const lines = this.engine.exLines().slice(0, -1);
    this.start(lines);
    for (const [id, value] of Object.entries(this.answers)) this.score = this.engine.exAnswer(id, value);
    this.drawRun();
    this.drawPanel();
    this.save();
  }

  hint(id) {
    this.hints[id] = (this.hints[id] ?? 0) + 1;
    this.drawPanel();
    this.save();
  }

  answer(id, value) {
    this.answers[id] = value;
    this.checked[id] = true;
    this.score = this.engine.exAnswer(id, value);
    this.drawPanel();
    this.save();
  }

  // showPacket selects the packet that met a goal in the learner's ladder
  // and opens it in the inspector.
  showPacket(pid) {
    if (!this.pick) return;
    this.pick(pid);
    $('.ex-run .nb-ladder-box', this.root)?.scrollIntoView({ block: 'nearest' });
    $('.ex-run .nb-inspector', this.root)?.scrollIntoView({ block: 'nearest' });
  }

  // showLine marks the learner's line n (1-based) in their console: the
  // call or command that met a goal.
  showLine(n) {
    const entry = this.root.querySelectorAll('.ex-run .entry')[n - 1];
    if (!entry) return;
    for (const e of this.root.querySelectorAll('.ex-run .entry.ex-target')) e.classList.remove('ex-target');
    entry.classList.add('ex-target');
    entry.scrollIntoView({ block: 'nearest' });
  }

  // showSolution asks first: the solution gives the exercise away.
  showSolution() {
    this.solutionEl = h('div', { class: 'ex-confirm', role: 'alertdialog', 'aria-label': t('ui.ex.confirm.label', 'show the solution?') },
      h('p', { text: t('ui.ex.confirm', 'Show the reference solution? Try the hints first: the solution gives the exercise away.') }),
      h('button', { type: 'button', id: 'ex-solution-yes', text: t('ui.ex.confirm.yes', 'Show it'), onclick: () => {
        this.solutionEl = h('pre', { class: 'ex-solution', id: 'ex-solution-lines', text: this.ex.solution.join('\n') });
        this.drawPanel();
      } }),
      ' ',
      h('button', { type: 'button', text: t('ui.cancel', 'Cancel'), onclick: () => { this.solutionEl = null; this.drawPanel(); } }));
    this.drawPanel();
  }

  submission() {
    return {
      sockplay: 'submission', exercise: this.ex.id, version: this.ex.version, learner: this.learner,
      lines: this.engine.exLines(), answers: { ...this.answers },
    };
  }

  submit() {
    download(`${this.ex.id}-${this.learner || 'anonymous'}.json`, `${JSON.stringify(this.submission(), null, 2)}\n`, 'application/json');
  }

  save() {
    if (this.trial) return this.saving;
    const sc = this.score;
    const p = { lines: this.engine.exLines(), answers: this.answers, hints: this.hints, solved: sc.solved, atPar: sc.atPar, points: sc.points, max: sc.max };
    this.saving = this.saving.then(() => saveProgress(this.ex.id, this.learner, p)).catch(() => {});
    return this.saving;
  }
}
