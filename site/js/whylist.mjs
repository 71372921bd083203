// "What happened and why": every note the ladder draws beside a lane, and
// every arrow the engine gave a reason, in full and in time order. It is
// built from the same ladder model as the diagram, so both say the same
// numbers (relative or absolute), and each entry links to its place on the
// diagram and back (data-ref: "event-<trace index>" or "packet-<id>").

import { h, replace } from './dom.mjs';
import { formatTime } from './format.mjs';
import { causeTag, causeWhy } from './causes.mjs';
import { t } from './i18n.mjs';

// whyEntries lists the model's notes and explained arrows by time.
export function whyEntries(model) {
  const entries = model.notes.map((n) => ({ ref: `event-${n.event}`, y: n.y, time: n.time, host: n.host, kind: n.kind, text: n.title || n.text }));
  for (const a of model.arrows) {
    const tag = causeTag(a.cause);
    if (!tag && a.status !== 'dropped') continue;
    const dropped = a.status === 'dropped' && t('why.dropped', 'dropped') + (a.why ? `: ${a.why}` : '');
    const why = [tag && `${tag}: ${causeWhy(a.cause)}`, dropped].filter(Boolean).join('; ');
    entries.push({ ref: `packet-${a.id}`, y: a.y1, time: a.t1, host: a.from, kind: a.status === 'dropped' ? 'dropped' : a.retransmit ? 'retransmit' : 'packet', packet: a.id, text: `#${a.id} ${a.label} — ${why}` });
  }
  return entries.sort((p, q) => p.y - q.y);
}

// WhyList draws the entries in root; onShow(ref) is called when one is
// chosen, to show it on the diagram.
export class WhyList {
  constructor(root, { onShow }) {
    this.root = root;
    this.onShow = onShow;
    this.lit = null;
  }

  render(model) {
    const entries = whyEntries(model);
    if (!entries.length) {
      replace(this.root, h('p', { class: 'muted empty', text: t('why.empty', 'Nothing has happened yet. Notes the engine makes (state changes, timers, retransmissions, probes) are listed here in full, each linked to its place on the diagram.') }));
      return;
    }
    replace(this.root, h('ol', { class: 'why-list' }, entries.map((e) => h('li', { class: `why why-${e.kind}`, 'data-ref': e.ref },
      h('button', {
        type: 'button', class: 'why-go', title: t('why.show', 'show it on the diagram'), onclick: () => this.onShow(e.ref),
      },
      h('span', { class: 'why-time', text: formatTime(e.time) }),
      h('span', { class: `why-host host-${e.host}`, text: e.host }),
      h('span', { class: 'why-text', text: e.text }))))));
    if (this.lit) this.light(this.lit, false);
  }

  // light marks the entry for ref and, when scroll is set, scrolls to it.
  light(ref, scroll = true) {
    this.lit = ref;
    for (const li of this.root.querySelectorAll('li.why')) {
      const on = li.dataset.ref === ref;
      li.classList.toggle('lit', on);
      if (on && scroll) li.scrollIntoView({ block: 'nearest' });
    }
  }
}
