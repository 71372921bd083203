// The display filter over the ladder, the tcpdump text, the event log and
// the graphs: Wireshark's syntax, read and applied by the engine
// (displayFilter()); a filter it refuses shows where, as console lines do.

import { h } from '../dom.mjs';
import { caret } from '../format.mjs';
import { currentLang } from '../i18n.mjs';
import { FILTER } from './strings.mjs';

export class DisplayFilter {
  // bar goes above the ladder; onChange redraws the views.
  constructor(app, place, onChange) {
    this.app = app;
    this.onChange = onChange;
    this.text = '';
    this.ids = null; // the selected packets, null without a filter
    this.input = h('input', {
      id: 'display-filter', class: 'filter-input', type: 'text', spellcheck: 'false', autocomplete: 'off', autocapitalize: 'off',
      'aria-describedby': 'display-filter-status',
      onkeydown: (e) => {
        if (e.key === 'Enter') { e.preventDefault(); this.set(this.input.value); }
        if (e.key === 'Escape' && this.input.value) { e.preventDefault(); this.set(''); }
      },
      onchange: () => this.set(this.input.value),
    });
    this.clearButton = h('button', { type: 'button', class: 'icon', text: '✕', hidden: true, onclick: () => this.set('') });
    this.status = h('span', { id: 'display-filter-status', class: 'filter-status muted small', role: 'status' });
    this.error = h('pre', { class: 'filter-error', hidden: true });
    this.label = h('label', { class: 'visually-hidden', for: 'display-filter' });
    this.bar = h('div', { class: 'filter-bar' }, this.label, this.input, this.clearButton, this.status);
    place.before(this.bar, this.error);
    this.relabel();
  }

  // relabel words the bar in the page's language (again after a switch).
  relabel() {
    this.lang = currentLang();
    this.label.textContent = FILTER.label;
    Object.assign(this.input, { placeholder: FILTER.placeholder, title: FILTER.title });
    this.input.setAttribute('aria-label', FILTER.label);
    this.clearButton.title = FILTER.clear;
    this.clearButton.setAttribute('aria-label', FILTER.clear);
  }

  // set applies a new filter text (the conversations table sets one too).
  set(text) {
    this.text = text.trim();
    this.input.value = text;
    this.update();
    this.onChange();
  }

  // update reads the selection again: the trace grows with every line.
  update() {
    const engine = this.app.engine;
    if (this.lang !== currentLang()) this.relabel();
    this.clearButton.hidden = !this.text;
    if (!this.text || !engine) {
      this.ids = null;
      this.showError(null);
      this.status.textContent = '';
      return;
    }
    const r = engine.displayFilter(this.text);
    if (r.error) {
      this.ids = null; // a wrong filter hides nothing
      this.showError(r.error);
      this.status.textContent = '';
      return;
    }
    this.showError(null);
    this.ids = new Set(r.packets);
    const total = this.app.events.filter((e) => e.kind === 'send' || e.kind === 'dup').length;
    this.status.textContent = FILTER.shown(this.ids.size, total);
  }

  showError(err) {
    this.input.setAttribute('aria-invalid', String(!!err));
    this.error.hidden = !err;
    if (err) this.error.textContent = `${this.text}\n${caret(err.col)}\n${FILTER.error(err.message, err.col)}`;
  }

  // keep drops the events of the packets the filter does not select; the
  // other events (calls, states, timers) stay.
  keep(events) {
    if (!this.ids) return events;
    return events.filter((e) => !e.packet || this.ids.has(e.packet));
  }
}
