// The "Connection analysis" panel, drawn from the engine's analysis of
// the trace (wasm/README.md): a connection's graphs, the conversations,
// the expert findings and the connection's bytes (follow stream).

import { h, replace } from '../dom.mjs';
import { download } from '../downloads.mjs';
import { setupTabs } from '../tabs.mjs';
import { buildGraph } from './graph-model.mjs';
import { GraphView } from './graph-view.mjs';
import { renderConversations } from './conversations.mjs';
import { ExpertList } from './expert.mjs';
import { FollowView } from './follow.mjs';
import { currentLang } from '../i18n.mjs';
import { GRAPH_KINDS, UI } from './strings.mjs';

const VIEWS = ['graphs', 'conversations', 'expert', 'follow'];

export class AnalysisPanel {
  // app gives the engine, the trace and the absolute setting; onPacket
  // opens a packet in the inspector and on the ladder; filter is the
  // display filter (filter.mjs), which choosing a conversation sets.
  constructor(root, { app, onPacket, filter }) {
    this.app = app;
    this.filter = filter;
    this.chosen = null; // the conversation the filter shows alone
    this.conv = null; // index in conversations()
    this.reverse = null; // null: the direction carrying more data
    this.kind = 'tcptrace';
    this.convSelect = h('select', { id: 'graph-conn', onchange: () => { this.conv = Number(this.convSelect.value); this.reverse = null; this.render(); } });
    this.dirSelect = h('select', { id: 'graph-dir', onchange: () => { this.reverse = this.dirSelect.value === 'ba'; this.render(); } });
    this.kindSelect = h('select', { id: 'graph-kind', onchange: () => { this.kind = this.kindSelect.value; this.render(); } },
      GRAPH_KINDS.map((k) => h('option', { value: k.id })));
    this.message = h('p', { class: 'muted empty', hidden: true });
    const graphRoot = h('div', { class: 'graph' });
    this.words = { connection: document.createTextNode(''), direction: document.createTextNode(''), graph: document.createTextNode('') };
    this.resetButton = h('button', { type: 'button', id: 'graph-reset', onclick: () => this.graphView.reset() });
    this.exportButtons = [
      h('button', { type: 'button', id: 'graph-svg', onclick: () => this.exportSVG(), text: UI.exportSVG }),
      h('button', { type: 'button', id: 'graph-png', onclick: () => this.exportPNG(), text: UI.exportPNG })];
    this.bar = h('div', { class: 'panel-bar graph-bar' },
      h('label', { class: 'inline' }, this.words.connection, this.convSelect),
      h('label', { class: 'inline' }, this.words.direction, this.dirSelect),
      h('label', { class: 'inline' }, this.words.graph, this.kindSelect),
      this.resetButton, this.exportButtons);
    const tabs = h('div', { role: 'tablist', class: 'tabs subtabs' },
      VIEWS.map((v, i) => h('button', { type: 'button', role: 'tab', id: `an-tab-${v}`, 'aria-controls': `an-${v}`, 'aria-selected': String(i === 0), tabindex: i ? -1 : 0 })));
    this.tabList = tabs;
    this.panes = Object.fromEntries(VIEWS.map((v, i) => [v, h('section', { role: 'tabpanel', id: `an-${v}`, 'aria-labelledby': `an-tab-${v}`, class: `analysis-${v}`, hidden: i > 0 })]));
    this.panes.graphs.append(this.bar, this.message, graphRoot);
    replace(root, tabs, Object.values(this.panes));
    this.graphView = new GraphView(graphRoot, { onPick: onPacket });
    this.graphRoot = graphRoot;
    this.expert = new ExpertList(this.panes.expert, { onPacket });
    this.follow = new FollowView(this.panes.follow, { onPacket });
    this.tabs = setupTabs(tabs, () => this.render());
    this.relabel();
  }

  // relabel words the panel's frame in the page's language (again after a switch).
  relabel() {
    this.lang = currentLang();
    this.tabList.setAttribute('aria-label', UI.tab);
    for (const v of VIEWS) this.tabList.querySelector(`#an-tab-${v}`).textContent = UI.views[v];
    this.words.connection.data = `${UI.connection} `;
    this.words.direction.data = `${UI.direction} `;
    this.words.graph.data = `${UI.graph} `;
    for (const o of this.kindSelect.options) o.textContent = GRAPH_KINDS.find((k) => k.id === o.value).name;
    this.resetButton.textContent = UI.resetZoom;
    for (const b of this.exportButtons) b.title = UI.exportTitle;
  }

  // choose shows conversation i alone (null: all) in every view.
  choose(i, convs) {
    this.chosen = i;
    if (i === null) return this.filter.set('');
    const c = convs[i];
    if (c.proto === 'tcp') { this.conv = i; this.reverse = null; }
    this.filter.set(`${c.proto}.stream == ${c.stream}`);
  }

  // render reads the analysis again and redraws the view showing.
  render() {
    const engine = this.app.engine;
    if (!engine) return;
    if (this.lang !== currentLang()) this.relabel();
    const convs = engine.conversations();
    if (this.chosen !== null && this.filter.text !== `${convs[this.chosen]?.proto}.stream == ${convs[this.chosen]?.stream}`) this.chosen = null;
    const view = this.tabs.current().slice(3);
    if (view === 'conversations') return renderConversations(this.panes.conversations, convs, { chosen: this.chosen, onChoose: (i) => this.choose(i, convs) });
    if (view === 'expert') return this.expert.render(engine.expert(), this.filter.ids);
    if (view === 'follow') return this.renderFollow(convs);
    this.renderGraph(convs);
  }

  renderFollow(convs) {
    const i = this.chosen ?? this.conv ?? (convs.length ? 0 : null);
    if (i === null) return this.follow.render(null, [], new Map(), '');
    const labels = new Map(this.app.events.filter((e) => e.kind === 'send' && e.label).map((e) => [e.packet, e.label]));
    this.follow.render(convs[i], this.app.engine.follow(i), labels, String(i));
  }

  renderGraph(convs) {
    const engine = this.app.engine;
    const tcp = convs.map((c, i) => ({ ...c, index: i })).filter((c) => c.proto === 'tcp');
    if (!tcp.length) return this.empty(UI.noTCP);
    if (!tcp.some((c) => c.index === this.conv)) this.conv = tcp[0].index;
    const c = convs[this.conv];
    const reverse = this.reverse ?? c.payload[1] > c.payload[0];
    replace(this.convSelect, tcp.map((t) => h('option', { value: t.index, selected: t.index === this.conv, text: `${t.stream}: ${t.a} ↔ ${t.b}` })));
    replace(this.dirSelect,
      h('option', { value: 'ab', selected: !reverse, text: `${c.hostA} ${c.a} → ${c.b}` }),
      h('option', { value: 'ba', selected: reverse, text: `${c.hostB} ${c.b} → ${c.a}` }));
    this.kindSelect.value = this.kind;
    const data = engine.stream(this.conv, reverse);
    const tagNames = engine.expert().tags.map((t) => t.name);
    const g = buildGraph(this.kind, data, { tagNames, absolute: this.app.absolute, keep: this.filter.ids });
    this.caption = reverse ? `${c.b} → ${c.a}` : `${c.a} → ${c.b}`;
    this.message.hidden = true;
    this.graphRoot.hidden = false;
    for (const b of this.bar.querySelectorAll('button')) b.disabled = false;
    this.graphView.show(g, `${this.conv}/${reverse}/${this.kind}/${this.app.absolute}/${this.filter.text}`);
  }

  empty(text) {
    this.message.textContent = text;
    this.message.hidden = false;
    this.graphRoot.hidden = true;
    replace(this.convSelect);
    replace(this.dirSelect);
    for (const b of this.bar.querySelectorAll('button')) b.disabled = true;
  }

  fileName(ext) { return `sockplay-${this.kind}-conn${this.conv}.${ext}`; }

  exportSVG() { download(this.fileName('svg'), this.graphView.svgText(this.caption), 'image/svg+xml'); }

  async exportPNG() { download(this.fileName('png'), await this.graphView.pngBlob(this.caption), 'image/png'); }
}
