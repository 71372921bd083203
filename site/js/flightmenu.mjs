// The menu of a packet in flight: what the network can do to it.

import { h, replace } from './dom.mjs';

export class FlightMenu {
  // run(line) executes a net> line; inspect(id) opens the inspector.
  constructor(menu, { run, inspect }) {
    this.menu = menu;
    this.run = run;
    this.inspect = inspect;
    this.anchor = null;
    document.addEventListener('keydown', (e) => { if (e.key === 'Escape') this.close(true); });
    document.addEventListener('pointerdown', (e) => {
      if (!menu.contains(e.target) && !e.target.closest?.('.arrow.inflight')) this.close();
    });
    menu.addEventListener('keydown', (e) => {
      const items = [...menu.querySelectorAll('button')];
      const i = items.indexOf(document.activeElement);
      const step = { ArrowDown: 1, ArrowUp: -1 }[e.key];
      if (step) { e.preventDefault(); items[(i + step + items.length) % items.length]?.focus(); }
      if (e.key === 'Tab') this.close();
    });
  }

  // open shows the menu of packet id under anchor (its arrow); inflight is
  // the state's list, in arrival order.
  open(id, anchor, inflight) {
    // After an action the keyboard is back on the packet's arrow, which
    // the diagram draws again with the focus kept (ladder.mjs).
    const act = (line) => () => { this.close(true); this.run(line); };
    // deliver N hands it over now, ahead of packets sent before it.
    const ahead = inflight.findIndex((f) => f.id === id);
    const items = [
      [ahead <= 0 ? 'Deliver it now' : 'Deliver it now, ahead of the others', act(`net> deliver ${id}`)],
      ['Drop it', act(`net> drop ${id}`)],
      ['Duplicate it', act(`net> dup ${id}`)],
      ['Delay it 100 ms', act(`net> delay ${id} 100ms`)],
      ['Corrupt a byte', act(`net> corrupt ${id}`)],
      ['Inspect', () => { this.close(true); this.inspect(id); }],
    ];
    replace(this.menu, h('div', { class: 'popover-title', text: `Packet #${id} in flight` }),
      items.map(([label, fn]) => h('button', { type: 'button', role: 'menuitem', text: label, onclick: fn })));
    this.menu.hidden = false;
    const box = (anchor.querySelector('.flight-dot') ?? anchor).getBoundingClientRect();
    const right = window.scrollX + document.documentElement.clientWidth - this.menu.offsetWidth - 8;
    this.menu.style.left = `${Math.max(8, Math.min(window.scrollX + box.left + box.width / 2, right))}px`;
    this.menu.style.top = `${window.scrollY + box.bottom + 6}px`;
    this.anchor = anchor;
    this.id = id;
    this.menu.querySelector('button')?.focus();
  }

  close(refocus = false) {
    if (this.menu.hidden) return;
    this.menu.hidden = true;
    // The diagram may have been drawn again since the menu opened: the
    // packet's arrow now, by its id.
    const arrow = this.anchor?.isConnected ? this.anchor : document.querySelector(`#ladder g.arrow[data-packet="${this.id}"]`);
    if (refocus) arrow?.focus?.();
  }
}
