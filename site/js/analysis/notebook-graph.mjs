// A notebook cell's graph: a cell whose fence says graph=KIND (tcptrace,
// stevens, cwnd, throughput or rtt), with conn=N (tcp.stream, 0 by
// default) and dir=ab or dir=ba (by default the direction carrying more
// data), shows that graph of the session as the cell left it, under its
// output; a point opens its packet in the cell's inspector.

import { h } from '../dom.mjs';
import { buildGraph } from './graph-model.mjs';
import { GraphView } from './graph-view.mjs';
import { GRAPH_KINDS, NOTEBOOK } from './strings.mjs';
import { figureSVG } from '../notebook/cell.mjs';

// cellGraph is a cell output hook (notebook/cell.mjs, cellOutputs): the
// figure for the cell's graph attribute, or null when it has none.
// session() brings the engine's session to the end of the cell.
export function cellGraph(cellRun, attrs, { session, inspect }) {
  const get = (key) => attrs.find((a) => a.key === key)?.value;
  const kind = get('graph');
  if (!kind || !session) return null;
  const fail = (text) => h('p', { class: 'nb-graph-problem muted', text });
  if (!GRAPH_KINDS.some((k) => k.id === kind)) return fail(NOTEBOOK.unknownKind(kind, GRAPH_KINDS.map((k) => k.id)));
  const engine = session();
  const convs = engine.conversations();
  const stream = Number(get('conn') ?? 0);
  const i = convs.findIndex((c) => c.proto === 'tcp' && c.stream === stream);
  if (i < 0) return fail(NOTEBOOK.noConnection(stream));
  const c = convs[i];
  const dir = get('dir');
  const reverse = dir ? dir === 'ba' : c.payload[1] > c.payload[0];
  const g = buildGraph(kind, engine.stream(i, reverse), { tagNames: engine.expert().tags.map((t) => t.name) });
  const box = h('div', { class: 'graph' });
  const caption = reverse ? `${c.b} → ${c.a}` : `${c.a} → ${c.b}`;
  const fig = h('figure', { class: 'nb-graph', dataset: { graph: kind } }, h('figcaption', { text: `${g.title}: ${caption}` }), box);
  const view = new GraphView(box, { onPick: inspect });
  view.show(g, `${cellRun.id}/${kind}`);
  figureSVG.set(fig, () => view.svgText(caption, `g-${cellRun.id}-clip`));
  return fig;
}
