// Examples: the menu, and playing one line by line so the diagram grows as
// it goes, its comments told in the story box above the diagram.

import { h, $, replace } from './dom.mjs';
import { t } from './i18n.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class ExamplePlayer {
  constructor(app) {
    this.app = app;
    this.examples = [];
    this.token = null; // the play in progress; null when none or skipped
    this.shown = null; // {title, playing}: the example whose story is on screen
    $('#playing-skip').addEventListener('click', () => this.stop());
    $('#story-close').addEventListener('click', () => {
      $('#story').hidden = true;
      this.shown = null;
      app.views.renderHint();
    });
  }

  fill(examples) {
    this.examples = examples;
    replace($('#examples-menu'), examples.map((ex) => h('button', {
      type: 'button', role: 'menuitem', class: 'example', onclick: () => this.play(ex), 'data-example': ex.name,
    }, h('span', { class: 'ex-title', text: exampleText(ex, 'title') }), h('span', { class: 'ex-desc', text: exampleText(ex, 'description') }))));
  }

  // playMatching plays the first example whose title or name matches.
  playMatching(pattern) {
    const ex = this.examples.find((e) => pattern.test(e.title) || pattern.test(e.name)) ?? this.examples[0];
    if (ex) this.play(ex);
  }

  async play(example) {
    const { app } = this;
    if (!app.newSession(app.defaultSeed)) return;
    const token = {};
    this.token = token;
    this.current = example;
    const title = exampleText(example, 'title');
    this.story(title, exampleText(example, 'description'), true);
    app.consoles.get('net').note(t('example.note', 'Example: {title}', { title }), 'narration');
    let first = true;
    let said = 0;
    let told = []; // the comment lines of one step of the narration
    const tell = () => {
      if (!told.length) return;
      const text = told.reduce((a, b) => a + (/[\u3000-\u9fff\uff00-\uffef]$/.test(a) ? '' : ' ') + b);
      told = [];
      app.consoles.get('net').note(text, 'narration');
      if (this.token === token) replace($('#story-line'), text);
    };
    for (const raw of example.script.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      if (line.startsWith('#')) {
        // The header is already in the story box; later comments narrate,
        // a comment of several lines told whole before the line it precedes.
        if (first) continue;
        said++;
        told.push(exampleText(example, `say.${said}`, line.replace(/^#\s?/, '')));
        continue;
      }
      tell();
      if (!first && this.token === token) await sleep(650 / app.speed());
      first = false;
      const skipping = this.token !== token;
      const out = app.guard('net', () => app.engine.exec(line));
      if (!out) break;
      app.record(out, null, 'net');
      if (!skipping) app.refresh(false);
      if (out.error) break;
    }
    tell();
    if (this.token === token) this.token = null;
    this.story(title, exampleText(example, 'description'), false);
    app.refresh(true);
  }

  // relabel tells the story on screen again in the page's language.
  relabel() {
    if (!this.shown || !this.current) return;
    this.story(exampleText(this.current, 'title'), exampleText(this.current, 'description'), this.shown.playing);
  }

  // stop skips to the end of the example being played.
  stop() { this.token = null; }

  // story shows an example's title and text above the diagram, or hides it.
  story(title, text, playing) {
    $('#story').hidden = !title;
    this.shown = title ? { title, playing } : null;
    if (!title) return;
    replace($('#story-title'), title);
    replace($('#story-line'), text ?? '');
    $('#playing').hidden = !playing;
    $('#playing-skip').hidden = !playing;
  }
}

// exampleText is an example's title, description or narration line in the
// page's language (the examples catalogue: example.NAME.title, ….say.N for
// the Nth comment after the first statement, as core/i18n reads them).
function exampleText(ex, part, english = ex[part]) {
  return t(`example.${ex.name}.${part}`, english ?? '');
}
