// Hosts added in the session (net> host c2 10.0.0.3, net> crowd ...): each
// gets a console and a socket panel in the client column, one shown at a
// time under a strip of tabs that appears once there is more than client.

import { h, $, replace } from './dom.mjs';

export class HostTabs {
  // onShow(name) is told which host's console shows.
  constructor(column, { onShow = () => {} } = {}) {
    this.column = column;
    this.onShow = onShow;
    this.strip = h('div', { class: 'host-tabs', role: 'tablist', 'aria-label': 'Hosts on this side', hidden: true });
    column.prepend(this.strip);
    this.names = ['client']; // in the order they were added
    this.present = new Set(['client']);
    this.shown = 'client';
  }

  // add makes host name's section (console markup as index.html has for
  // the client) and returns its .console element.
  add(name) {
    const id = `${name}-input`;
    const section = h('section', { class: 'host extra', id: `host-${name}`, 'data-host': name, 'aria-label': name, hidden: true },
      h('div', { class: 'console' },
        h('div', { class: 'host-head' },
          h('h2', {}, h('span', { class: 'host-dot', 'aria-hidden': 'true' }), name),
          h('span', { class: 'addr' })),
        h('div', { class: 'scrollback', tabindex: '0', role: 'log', 'aria-live': 'polite', 'aria-label': `${name} output` }),
        h('div', { class: 'status', role: 'status', hidden: true }),
        h('div', { class: 'completions', role: 'listbox', 'aria-label': 'Completions', hidden: true }),
        h('div', { class: 'prompt' },
          h('label', { class: 'prompt-label', for: id, text: `${name}>` }),
          h('input', { id, class: 'prompt-input', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false',
            placeholder: 'ss, or a socket call', 'aria-label': `${name} console: type a socket call and press Enter` }))));
    this.column.append(section);
    this.names.push(name);
    this.present.add(name);
    this.renderStrip();
    return section.querySelector('.console');
  }

  // sync shows the tabs of the hosts the session has now (an undo can
  // take a host away; its console stays for when it comes back) and
  // their addresses; a crowd's tab counts its clients.
  sync(hosts) {
    const byName = new Map(hosts.map((x) => [x.name, x]));
    this.present = new Set(this.names.filter((n) => byName.has(n)));
    for (const name of this.names.slice(1)) {
      const host = byName.get(name);
      const addr = $(`#host-${name} .addr`);
      if (host && addr) addr.textContent = host.network ?? host.addr;
    }
    this.crowds = new Map(hosts.filter((x) => x.network).map((x) => [x.name, x.network]));
    if (!this.present.has(this.shown)) this.show('client');
    this.renderStrip();
  }

  show(name) {
    this.shown = name;
    for (const n of this.names) {
      const section = $(`#host-${n}`);
      if (section) section.hidden = n !== name;
    }
    this.renderStrip();
    this.onShow(name);
  }

  renderStrip() {
    const names = this.names.filter((n) => this.present.has(n));
    this.strip.hidden = names.length < 2;
    const tabs = names.map((n) => h('button', {
      type: 'button', role: 'tab', id: `hosttab-${n}`, 'aria-controls': `host-${n}`,
      'aria-selected': String(n === this.shown), tabindex: n === this.shown ? '0' : '-1',
      class: this.crowds?.has(n) ? 'crowd' : null,
      onclick: () => this.show(n),
      onkeydown: (e) => {
        const i = names.indexOf(n);
        const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: names.length - 1 }[e.key];
        if (next === undefined) return;
        e.preventDefault();
        this.show(names[(next + names.length) % names.length]);
        $(`#hosttab-${this.shown}`)?.focus();
      },
    }, n));
    replace(this.strip, tabs);
  }
}
