// Everything drawn from the session's state and trace: the socket panels,
// the ladder, the detail panels and the start hint.

import { h, $, replace } from './dom.mjs';
import { buildLadder } from './ladder-model.mjs';
import { renderLadder, revealOnLadder } from './ladder.mjs';
import { LEAST_WIDTH } from './ladder-layout.mjs';
import { renderSockets } from './sockets.mjs';
import { renderStateDiagram } from './statediagram.mjs';
import { inspectPacket } from './inspector.mjs';
import { EventLog } from './eventlog.mjs';
import { WhyList } from './whylist.mjs';
import { FlightMenu } from './flightmenu.mjs';
import { setupTabs } from './tabs.mjs';
import { formatTime, scriptDuration } from './format.mjs';
import { nextHint } from './hints.mjs';
import { CrowdView } from './crowdview.mjs';
import { AnalysisPanel } from './analysis/panel.mjs';
import { DisplayFilter } from './analysis/filter.mjs';
import { renderTcpdump } from './analysis/tcpdump.mjs';
import { ExpertCache, ladderMarks, expertLine } from './analysis/tags.mjs';
import { t } from './i18n.mjs';

export class Views {
  constructor(app, hosts) {
    this.app = app;
    this.hosts = hosts;
    this.selected = null; // the packet in the inspector
    this.sockRoots = new Map(hosts.map((host) => {
      const root = h('div', { class: 'sockets', 'aria-live': 'off' });
      $(`#host-${host}`).append(root);
      return [host, root];
    }));
    this.eventLog = new EventLog($('#panel-events'), { onPacket: (id) => this.inspect(id) });
    this.why = new WhyList($('#panel-why'), { onShow: (ref) => this.showOnDiagram(ref) });
    this.model = null; // the ladder as last drawn: the why list reads the same
    this.ladderMemo = {}; // the ladder's last layout, which a new line's packets extend
    this.lit = null; // the list entry shown on the diagram
    this.tabs = setupTabs($('.tabs'), () => this.renderPanels());
    this.crowd = new CrowdView($('#panel-crowd'), () => app.engine);
    this.expert = new ExpertCache(app); // the engine's expert tags, for the ladder, inspector and tcpdump
    this.filter = new DisplayFilter(app, $('#ladder-scroll'), () => this.render());
    this.analysis = new AnalysisPanel($('#panel-analysis'), { app, onPacket: (id) => this.openPacket(id), filter: this.filter });
    this.flight = new FlightMenu($('#flight-menu'), { run: (line) => app.exec(line), inspect: (id) => this.inspect(id) });
    new ResizeObserver(() => this.renderLadder()).observe($('#ladder-scroll'));
    $('#tcpdump-host').addEventListener('change', () => this.renderTcpdump());
    $('#tcpdump-absolute').addEventListener('change', () => this.renderTcpdump());
  }

  // addHost gives a host added in the session (hosts.mjs) its socket panel.
  addHost(name) {
    const root = h('div', { class: 'sockets', 'aria-live': 'off' });
    $(`#host-${name}`).append(root);
    this.sockRoots.set(name, root);
  }

  // render redraws every view from app.state and app.events.
  render() {
    const { state, timeline } = this.app;
    $('#clock').textContent = formatTime(state.now);
    const slider = $('#timeline');
    slider.max = String(state.lines + timeline.future.length);
    slider.value = String(state.lines);
    $('#timeline-label').textContent = t('ui.timeline', 'line {n} of {total}', { n: state.lines, total: slider.max });
    $('#btn-undo').disabled = state.lines === 0;
    $('#btn-redo').disabled = timeline.future.length === 0;
    $('#btn-step').disabled = $('#btn-run').disabled = !state.inflight?.length;
    if (document.activeElement !== $('#net-seed')) $('#net-seed').value = this.app.seed;
    // The link's latency and loss as the engine has them (client to server).
    if (state.link && document.activeElement !== $('#net-latency')) $('#net-latency').value = scriptDuration(state.link.latency);
    if (state.link && document.activeElement !== $('#net-loss')) $('#net-loss').value = state.link.loss;
    for (const host of state.hosts ?? []) {
      this.app.consoles.get(host.name)?.setPending(host.pending ?? null);
      this.app.consoles.get(host.name)?.setDown(host.down === true);
      const root = this.sockRoots.get(host.name);
      if (root) renderSockets(root, host, { absolute: this.app.absolute });
    }
    if (this.selected && !this.app.events.some((e) => e.packet === this.selected)) this.selected = null;
    this.app.guard('net', () => this.filter.update());
    this.renderLadder();
    this.renderPanels();
    this.renderHint();
    this.app.presentation?.update();
    document.documentElement.dataset.lines = String(state.lines);
  }

  // renderHint tells a first-time visitor what to try next; a code hint is
  // a button that puts the code in the right console.
  renderHint() {
    const hint = nextHint(this.app.state, this.app.player?.shown);
    if (!hint) {
      replace($('#hint'), 'Explore: the Examples menu has scenarios from lost segments to WebSocket push.');
      return;
    }
    const code = hint.code ? h('button', {
      type: 'button', class: 'code', title: `put it in the ${hint.host} console`,
      onclick: () => {
        const c = this.app.consoles.get(hint.host);
        c.setInput(hint.code);
        c.focus();
      },
    }, hint.code) : null;
    replace($('#hint'), hint.text, ' ', code);
  }

  renderLadder() {
    const { state, events } = this.app;
    if (!state) return;
    const scroller = $('#ladder-scroll');
    const atBottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 30;
    const others = (state.hosts ?? []).map((x) => x.name).filter((n) => !this.hosts.includes(n));
    const width = Math.max(scroller.clientWidth, LEAST_WIDTH);
    const marks = this.app.guard('net', () => ladderMarks(this.expert.get()));
    const model = buildLadder(this.filter.keep(events), state, { marks, absolute: this.app.absolute, hosts: this.hosts.concat(others), width });
    this.model = model;
    renderLadder($('#ladder'), model, {
      width,
      selected: this.selected,
      onPick: (id) => this.inspect(id),
      onFlight: (id, el) => this.flight.open(id, el, this.app.state?.inflight ?? []),
      onNote: (ref) => this.explain(ref),
      crowds: new Map((state.hosts ?? []).filter((x) => x.network).map((x) => [x.name, x.network])),
      memo: this.ladderMemo,
      lit: this.lit,
      beforeDraw: () => { if (atBottom) scroller.scrollTop = scroller.scrollHeight; },
    });
  }

  // renderPanels draws the detail panel that is showing.
  renderPanels() {
    if (!this.app.state) return;
    switch (this.tabs.current()) {
      case 'panel-inspector': return this.renderInspector();
      case 'panel-states': return this.renderStates();
      case 'panel-tcpdump': return this.renderTcpdump();
      case 'panel-events': return this.eventLog.render(this.filter.keep(this.app.events));
      case 'panel-crowd': return this.crowd.render((fn) => this.app.guard('net', fn));
      case 'panel-why': return this.model && this.why.render(this.model);
      case 'panel-analysis': return this.app.guard('net', () => this.analysis.render());
    }
  }

  // explain opens a note of the diagram in full in the "what happened and
  // why" list.
  explain(ref) {
    this.tabs.show('panel-why');
    this.why.light(ref);
  }

  // showOnDiagram scrolls the diagram to an entry of the list and marks it:
  // a packet is selected, a note lit.
  showOnDiagram(ref) {
    this.why.light(ref, false);
    this.lit = ref;
    const packet = /^packet-(\d+)$/.exec(ref);
    if (packet) this.selected = Number(packet[1]);
    this.renderLadder();
    revealOnLadder($('#ladder'), ref);
  }

  renderInspector() {
    this.app.guard('net', () => {
      inspectPacket($('#panel-inspector'), this.app.engine, this.app.events, this.selected);
      const tags = expertLine(this.expert.get(), this.selected);
      if (tags) $('#panel-inspector .insp-head')?.append(tags);
    });
  }

  renderStates() {
    const sockets = [];
    for (const host of this.app.state.hosts ?? []) {
      for (const s of host.sockets ?? []) {
        if (s.proto === 'tcp') sockets.push({ host: host.name, fd: s.fd, state: s.state, last: s.last });
      }
    }
    const transitions = this.app.events.filter((e) => e.kind === 'state').slice(-6);
    renderStateDiagram($('#panel-states'), sockets, transitions);
  }

  renderTcpdump() {
    const host = $('#tcpdump-host').value;
    const engine = this.app.engine;
    this.app.guard('net', () => renderTcpdump($('#tcpdump-text'), engine.tcpdump(host, $('#tcpdump-absolute').checked), {
      host, events: this.app.events, keep: this.filter.ids,
      ...(host ? { capture: engine.captureTags(host) } : { expert: this.expert.get() }),
    }));
  }

  // openPacket shows packet id in the inspector and scrolls the ladder to
  // its arrow (a point of a graph, an expert finding).
  openPacket(id) {
    this.selected = id;
    this.tabs.show('panel-inspector');
    this.showOnDiagram(`packet-${id}`);
  }

  // inspect shows packet id in the inspector and marks its arrow.
  inspect(id) {
    this.selected = id;
    const from = document.activeElement;
    this.tabs.show('panel-inspector');
    this.renderLadder();
    // A link in a panel the inspector took the place of (the event log's,
    // the why list's) hid the focus with it: the keyboard goes to the packet.
    if (from?.closest?.('[hidden]')) $('#panel-inspector').focus();
  }
}
