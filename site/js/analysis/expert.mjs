// The expert list: the engine's findings (expert()), grouped by kind,
// filterable, each linked to its packet.

import { h, replace } from '../dom.mjs';
import { currentLang } from '../i18n.mjs';
import { EXPERT } from './strings.mjs';

const SEVERITIES = ['Error', 'Warning', 'Note', 'Chat'];
const ROWS_PER_GROUP = 400; // a group of 100,000 dup ACKs stays quick to draw

export class ExpertList {
  constructor(root, { onPacket }) {
    this.onPacket = onPacket;
    this.search = h('input', { type: 'search', id: 'expert-search', spellcheck: 'false', oninput: () => this.draw() });
    this.allOption = h('option', { value: '' });
    this.severity = h('select', { id: 'expert-severity', onchange: () => this.draw() },
      this.allOption, SEVERITIES.map((s) => h('option', { value: s, text: s })));
    this.severityWord = document.createTextNode('');
    this.count = h('span', { class: 'muted', role: 'status' });
    this.body = h('div', { class: 'expert-groups' });
    this.open = new Set(); // groups the user folded open or shut keep their state
    replace(root, h('div', { class: 'panel-bar' }, this.search, h('label', { class: 'inline' }, this.severityWord, this.severity), this.count), this.body);
    this.data = null;
    this.relabel();
  }

  // relabel words the bar in the page's language (again after a switch).
  relabel() {
    this.lang = currentLang();
    this.search.placeholder = EXPERT.search;
    this.search.setAttribute('aria-label', EXPERT.search);
    this.severity.setAttribute('aria-label', EXPERT.severity);
    this.severityWord.data = `${EXPERT.severity} `;
    this.allOption.textContent = EXPERT.all;
  }

  // render shows expert (expert()'s value); keep, when set, limits it to
  // those packets (the display filter).
  render(expert, keep) {
    this.data = expert;
    this.keep = keep;
    this.draw();
  }

  draw() {
    if (!this.data) return;
    if (this.lang !== currentLang()) this.relabel();
    const words = this.search.value.trim().toLowerCase();
    const sev = this.severity.value;
    const all = this.data.findings;
    const shown = all.filter((f) => (!sev || f.severity === sev) && (!this.keep || this.keep.has(f.packet)) &&
      (!words || `${f.tag} ${f.summary} #${f.packet}`.toLowerCase().includes(words)));
    this.count.textContent = ` ${EXPERT.count(shown.length, all.length)}`;
    if (!all.length) return replace(this.body, h('p', { class: 'muted empty', text: EXPERT.none }));
    const groups = new Map();
    for (const f of shown) {
      if (!groups.has(f.tag)) groups.set(f.tag, []);
      groups.get(f.tag).push(f);
    }
    const field = new Map(this.data.tags.map((t) => [t.name, t.field]));
    const order = [...groups.keys()].sort((a, b) => SEVERITIES.indexOf(groups.get(a)[0].severity) - SEVERITIES.indexOf(groups.get(b)[0].severity) || a.localeCompare(b));
    replace(this.body, order.map((tag) => {
      const list = groups.get(tag);
      const details = h('details', { class: `expert-group sev-${list[0].severity.toLowerCase()}`, open: this.open.has(tag) || order.length <= 3, dataset: { tag } },
        h('summary', {}, h('span', { class: 'sev', text: list[0].severity }), ' ', h('b', { text: tag === 'connection' ? EXPERT.connection : tag }),
          field.get(tag) ? h('code', { class: 'muted', text: ` ${field.get(tag)}` }) : null, h('span', { class: 'muted', text: ` · ${list.length}` })),
        h('ul', { class: 'expert-rows' }, list.slice(0, ROWS_PER_GROUP).map((f) => h('li', {},
          h('button', { type: 'button', class: 'link', text: `#${f.packet}`, 'aria-label': EXPERT.open(f.packet), onclick: () => this.onPacket(f.packet) }),
          ' ', f.summary)),
        list.length > ROWS_PER_GROUP ? h('li', { class: 'muted', text: EXPERT.more(list.length - ROWS_PER_GROUP) }) : null));
      details.addEventListener('toggle', () => { if (details.open) this.open.add(tag); else this.open.delete(tag); });
      return details;
    }));
  }
}
