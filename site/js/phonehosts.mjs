// On a phone or small tablet (one column, css/style.css) one host's
// console shows at a time: a tab strip chooses client or server, the
// other folds away. A console asked to take the focus (a hint's code, a
// keyboard shortcut) is shown first; the folded one's tab is marked when
// something new is written in it. On wider screens the strip is not
// drawn and both consoles stay side by side.

import { $ } from './dom.mjs';

export class PhoneHosts {
  constructor(strip, stage) {
    this.stage = stage;
    this.tabs = [...strip.querySelectorAll('[role=tab]')];
    for (const tab of this.tabs) {
      tab.addEventListener('click', () => this.show(tab.dataset.show));
      tab.addEventListener('keydown', (e) => {
        const i = this.tabs.indexOf(tab);
        const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: this.tabs.length - 1 }[e.key];
        if (next === undefined) return;
        e.preventDefault();
        const to = this.tabs[(next + this.tabs.length) % this.tabs.length];
        this.show(to.dataset.show);
        to.focus();
      });
    }
    stage.addEventListener('console-focus', (e) => {
      const tab = this.tabs.find((x) => e.target.closest(`#${x.getAttribute('aria-controls')}`));
      if (tab) this.show(tab.dataset.show); // the net console is never folded
    });
    for (const tab of this.tabs) {
      const section = $(`#${tab.getAttribute('aria-controls')}`);
      new MutationObserver((changes) => {
        const written = changes.some((c) => c.target.closest?.('.scrollback'));
        if (written && this.stage.dataset.phoneHost !== tab.dataset.show) tab.classList.add('news');
      }).observe(section, { childList: true, subtree: true });
    }
    this.show('server'); // where the start hint sends a first-time visitor
  }

  show(name) {
    this.stage.dataset.phoneHost = name;
    for (const tab of this.tabs) {
      const on = tab.dataset.show === name;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      if (on) tab.classList.remove('news');
    }
  }
}
