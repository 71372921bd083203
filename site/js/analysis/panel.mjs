// The "Connection analysis" panel: a connection's graphs, drawn from the
// engine's analysis of the trace (stream(), wasm/README.md).

import { h, replace } from '../dom.mjs';
import { download } from '../downloads.mjs';
import { buildGraph } from './graph-model.mjs';
import { GraphView } from './graph-view.mjs';
import { GRAPH_KINDS, UI } from './strings.mjs';

export class AnalysisPanel {
  // app gives the engine and the absolute setting; onPacket opens a packet
  // in the inspector and on the ladder.
  constructor(root, { app, onPacket }) {
    this.app = app;
    this.conv = null; // index in conversations()
    this.reverse = null; // null: the direction carrying more data
    this.kind = 'tcptrace';
    this.convSelect = h('select', { id: 'graph-conn', onchange: () => { this.conv = Number(this.convSelect.value); this.reverse = null; this.render(); } });
    this.dirSelect = h('select', { id: 'graph-dir', onchange: () => { this.reverse = this.dirSelect.value === 'ba'; this.render(); } });
    this.kindSelect = h('select', { id: 'graph-kind', onchange: () => { this.kind = this.kindSelect.value; this.render(); } },
      GRAPH_KINDS.map((k) => h('option', { value: k.id, text: k.name })));
    this.message = h('p', { class: 'muted empty', hidden: true });
    const graphRoot = h('div', { class: 'graph' });
    this.bar = h('div', { class: 'panel-bar graph-bar' },
      h('label', { class: 'inline' }, `${UI.connection} `, this.convSelect),
      h('label', { class: 'inline' }, `${UI.direction} `, this.dirSelect),
      h('label', { class: 'inline' }, `${UI.graph} `, this.kindSelect),
      h('button', { type: 'button', id: 'graph-reset', onclick: () => this.graphView.reset(), text: UI.resetZoom }),
      h('button', { type: 'button', id: 'graph-svg', title: UI.exportTitle, onclick: () => this.exportSVG(), text: UI.exportSVG }),
      h('button', { type: 'button', id: 'graph-png', title: UI.exportTitle, onclick: () => this.exportPNG(), text: UI.exportPNG }));
    this.graphs = h('section', { class: 'analysis-graphs', 'aria-label': UI.views.graphs }, this.bar, this.message, graphRoot);
    replace(root, this.graphs);
    this.graphView = new GraphView(graphRoot, { onPick: onPacket });
    this.graphRoot = graphRoot;
  }

  // render reads the analysis again and redraws.
  render() {
    const engine = this.app.engine;
    if (!engine) return;
    const convs = engine.conversations();
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
    const g = buildGraph(this.kind, data, { tagNames, absolute: this.app.absolute });
    this.caption = reverse ? `${c.b} → ${c.a}` : `${c.a} → ${c.b}`;
    this.message.hidden = true;
    this.graphRoot.hidden = false;
    for (const b of this.bar.querySelectorAll('button')) b.disabled = false;
    this.graphView.show(g, `${this.conv}/${reverse}/${this.kind}/${this.app.absolute}`);
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
