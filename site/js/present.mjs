// Presentation mode, for a lecture hall's projector: the header, toolbar
// and detail panels fold away, the consoles and the diagram are zoomed to
// large type and fill the screen, and the keyboard (or a presenter's
// clicker, which sends PageDown and PageUp) steps through the session:
// → next line (or, past the last one, the next packet in flight), ← back,
// Home and End, Esc leaves.

import { $ } from './dom.mjs';
import { t } from './i18n.mjs';

const typing = (el) => el instanceof Element && el.closest('input, textarea, select, [contenteditable=true]');

export class Presentation {
  constructor(app) {
    this.app = app;
    $('#present-button').addEventListener('click', () => this.enter());
    $('#present-leave').addEventListener('click', () => this.leave());
    $('#present-back').addEventListener('click', () => this.back());
    $('#present-next').addEventListener('click', () => this.next());
    document.addEventListener('keydown', (e) => {
      if (!this.on || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'Escape') return this.leave(); // from a console too
      if (typing(e.target)) return;
      const act = {
        ArrowRight: () => this.next(), PageDown: () => this.next(), ' ': () => this.next(),
        ArrowLeft: () => this.back(), PageUp: () => this.back(),
        Home: () => this.app.travel(0), End: () => this.app.travel(this.total()),
      }[e.key];
      if (!act || e.target.closest?.('[role=tablist], [role=menu]')) return;
      e.preventDefault();
      act();
    });
  }

  get on() { return document.documentElement.classList.contains('presenting'); }

  enter() {
    document.documentElement.classList.add('presenting');
    $('#present-bar').hidden = false;
    this.update();
    $('#ladder-scroll').focus();
  }

  leave() {
    if (!this.on) return;
    document.documentElement.classList.remove('presenting');
    $('#present-bar').hidden = true;
    $('#present-button').focus();
  }

  // total counts the session's lines and those undone that → replays.
  total() { return (this.app.state?.lines ?? 0) + this.app.timeline.future.length; }

  next() {
    if (this.app.timeline.future.length) return this.app.redo(1);
    if (this.app.state?.inflight?.length) return this.app.exec('net> step');
    this.app.toast(t('present.end', 'The end: no line to replay and no packet in flight.'));
  }

  back() {
    const lines = this.app.state?.lines ?? 0;
    if (lines > 0) this.app.travel(lines - 1);
  }

  // update says where the session is; views call it after every change.
  update() {
    if (!this.on) return;
    $('#present-where').textContent = t('ui.timeline', 'line {n} of {total}', { n: this.app.state?.lines ?? 0, total: this.total() });
  }
}
