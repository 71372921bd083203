// One graph on a canvas: zoom and pan by mouse (wheel, drag), touch
// (pinch, drag) and keyboard; hovering shows a point's values, a click or
// Enter opens its packet; export as SVG or PNG of what is shown.

import { h, replace } from '../dom.mjs';
import { nearest, points } from './graph-model.mjs';
import { paintGraph, CanvasPainter, SVGPainter } from './graph-paint.mjs';
import { currentLang } from '../i18n.mjs';
import { UI } from './strings.mjs';

const CLICK_SLOP = 5; // pixels a press may move and still be a click

export class GraphView {
  constructor(root, { onPick }) {
    this.onPick = onPick;
    this.graph = null;
    this.view = null;
    this.marked = null; // the point hovered or stepped to
    this.pointers = new Map();
    this.canvas = h('canvas', { class: 'graph-canvas', tabindex: 0, role: 'img' });
    this.tip = h('div', { class: 'graph-tip', role: 'status', hidden: true });
    this.legend = h('div', { class: 'graph-legend' });
    this.box = h('div', { class: 'graph-box' }, this.canvas, this.tip);
    this.help = h('p', { class: 'muted small graph-help' });
    replace(root, this.box, this.legend, this.help);
    this.relabel();
    this.listen();
    new ResizeObserver(() => this.draw()).observe(this.box);
  }

  // relabel words the graph's help in the page's language.
  relabel() {
    this.lang = currentLang();
    this.canvas.setAttribute('aria-label', UI.graphLabel);
    this.help.textContent = UI.graphHelp;
  }

  // show draws g; the zoom stays when the same graph gets more data
  // (same key), else it shows everything.
  show(g, key) {
    if (this.lang !== currentLang()) this.relabel();
    const same = key === this.key && this.view;
    this.graph = g;
    this.key = key;
    this.points = null;
    if (!same || !this.zoomed) this.view = { x0: g.x[0], x1: g.x[1], y0: g.y[0], y1: g.y[1] };
    if (!same) this.marked = null;
    replace(this.legend, g.legend.map((item) => {
      const swatch = h('i', { class: item.band ? 'swatch band' : 'swatch' });
      swatch.style.background = item.color; // CSSOM: the page's CSP allows no style attributes
      return h('span', { class: 'item', dataset: { series: item.key } }, swatch, item.name);
    }));
    this.draw();
  }

  reset() {
    if (!this.graph) return;
    this.zoomed = false;
    this.view = { x0: this.graph.x[0], x1: this.graph.x[1], y0: this.graph.y[0], y1: this.graph.y[1] };
    this.draw();
  }

  size() {
    const width = Math.max(280, this.box.clientWidth);
    return { width, height: Math.round(Math.min(460, Math.max(240, width * 0.5))) };
  }

  draw() {
    if (!this.graph) return;
    const { width, height } = this.size();
    const dpr = window.devicePixelRatio || 1;
    if (this.canvas.width !== Math.round(width * dpr) || this.canvas.height !== Math.round(height * dpr)) {
      this.canvas.width = Math.round(width * dpr);
      this.canvas.height = Math.round(height * dpr);
      this.canvas.style.height = `${height}px`;
    }
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.scale = paintGraph(new CanvasPainter(ctx), this.graph, this.view, width, height, { marked: this.marked });
  }

  // ---- export ----------------------------------------------------------

  svgText(caption, idPrefix) {
    const { width, height } = this.size();
    const p = new SVGPainter(idPrefix);
    paintGraph(p, this.graph, this.view, width, height + 44, { header: caption });
    return p.svg(width, height + 44, `${this.graph.title}: ${caption}`);
  }

  pngBlob(caption) {
    const { width, height } = this.size();
    const c = document.createElement('canvas');
    c.width = width * 2;
    c.height = (height + 44) * 2;
    const ctx = c.getContext('2d');
    ctx.scale(2, 2);
    paintGraph(new CanvasPainter(ctx), this.graph, this.view, width, height + 44, { header: caption });
    return new Promise((resolve) => c.toBlob(resolve, 'image/png'));
  }

  // ---- interaction -------------------------------------------------------

  local(e) {
    const r = this.canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }

  // zoom scales the view by f around the pixel (px, py); axes 'x', 'y' or 'xy'.
  zoom(f, px, py, axes = 'xy') {
    const s = this.scale;
    const v = this.view;
    if (axes.includes('x')) {
      const cx = s.dataX(px);
      v.x0 = cx - (cx - v.x0) * f; v.x1 = cx + (v.x1 - cx) * f;
    }
    if (axes.includes('y')) {
      const cy = s.dataY(py);
      v.y0 = cy - (cy - v.y0) * f; v.y1 = cy + (v.y1 - cy) * f;
    }
    this.zoomed = true;
    this.draw();
  }

  // pan moves the view by (dx, dy) pixels.
  pan(dx, dy) {
    const { box } = this.scale;
    const v = this.view;
    const ux = (v.x1 - v.x0) / box.width * dx, uy = (v.y1 - v.y0) / box.height * dy;
    v.x0 -= ux; v.x1 -= ux; v.y0 += uy; v.y1 += uy;
    this.zoomed = true;
    this.draw();
  }

  hover(px, py) {
    const hit = this.scale && nearest(this.graph, this.scale, px, py);
    this.mark(hit, px, py);
  }

  // mark rings a point and shows its values beside it.
  mark(hit, px, py) {
    this.marked = hit;
    this.draw();
    if (!hit) {
      this.tip.hidden = true;
      return;
    }
    const rows = hit.layer.info(hit.index);
    replace(this.tip, h('b', { text: `${UI.packet} #${hit.packet}` }),
      rows.map(([k, v]) => h('div', {}, h('span', { class: 'k', text: `${k} ` }), v)));
    this.tip.hidden = false;
    Object.assign(this.tip.dataset, { x: Math.round(px), y: Math.round(py) }); // where the point is
    const { width } = this.size();
    this.tip.style.left = `${Math.min(px + 14, width - 190)}px`;
    this.tip.style.top = `${Math.max(0, py - 10)}px`;
  }

  // step moves the mark to the next (+1) or previous (-1) point in time.
  step(dir) {
    this.points ??= points(this.graph);
    if (!this.points.length) return;
    let k = this.marked ? this.points.findIndex((p) => p.layer === this.marked.layer && p.index === this.marked.index) : -1;
    k = k < 0 ? (dir > 0 ? 0 : this.points.length - 1) : Math.min(this.points.length - 1, Math.max(0, k + dir));
    const p = this.points[k];
    const v = this.view;
    if (p.x < v.x0 || p.x > v.x1) {
      const w = v.x1 - v.x0;
      v.x0 = p.x - w / 2; v.x1 = p.x + w / 2;
    }
    this.draw();
    const l = p.layer;
    const y = (this.scale.py(l.ys[p.index]) + this.scale.py(l.ys2 ? l.ys2[p.index] : l.ys[p.index])) / 2;
    this.mark({ layer: l, index: p.index, packet: p.packet }, this.scale.px(p.x), y);
  }

  listen() {
    const c = this.canvas;
    c.style.touchAction = 'none';
    c.addEventListener('wheel', (e) => {
      if (!this.scale) return;
      e.preventDefault();
      const [x, y] = this.local(e);
      const f = Math.pow(1.2, Math.sign(e.deltaY));
      this.zoom(f, x, y, e.shiftKey ? 'x' : e.altKey ? 'y' : 'xy');
    }, { passive: false });
    c.addEventListener('pointerdown', (e) => {
      c.setPointerCapture(e.pointerId);
      const [x, y] = this.local(e);
      this.pointers.set(e.pointerId, { x, y, startX: x, startY: y, clientX: e.clientX, clientY: e.clientY });
    });
    c.addEventListener('pointermove', (e) => {
      if (!this.scale) return;
      const [x, y] = this.local(e);
      const p = this.pointers.get(e.pointerId);
      if (!p) return this.hover(x, y);
      if (this.pointers.size === 2) {
        const [a, b] = [...this.pointers.values()];
        const before = Math.hypot(a.x - b.x, a.y - b.y);
        p.x = x; p.y = y;
        const after = Math.hypot(a.x - b.x, a.y - b.y);
        if (before > 0 && after > 0) this.zoom(before / after, (a.x + b.x) / 2, (a.y + b.y) / 2);
        return;
      }
      this.pan(x - p.x, y - p.y);
      p.x = x; p.y = y;
    });
    const up = (e) => {
      const p = this.pointers.get(e.pointerId);
      this.pointers.delete(e.pointerId);
      if (!p || e.type === 'pointercancel' || this.pointers.size) return;
      if (Math.hypot(e.clientX - p.clientX, e.clientY - p.clientY) > CLICK_SLOP) return;
      const hit = nearest(this.graph, this.scale, p.startX, p.startY); // where it was pressed: the page may scroll meanwhile
      this.mark(hit, p.startX, p.startY);
      if (hit) this.onPick(hit.packet);
    };
    c.addEventListener('pointerup', up);
    c.addEventListener('pointercancel', up);
    c.addEventListener('pointerleave', (e) => { if (!this.pointers.size && e.pointerType === 'mouse') this.mark(null); });
    c.addEventListener('keydown', (e) => {
      if (!this.scale) return;
      const { box } = this.scale;
      const mid = [box.left + box.width / 2, box.top + box.height / 2];
      const act = {
        ArrowLeft: () => this.pan(box.width / 8, 0), ArrowRight: () => this.pan(-box.width / 8, 0),
        ArrowUp: () => this.pan(0, box.height / 8), ArrowDown: () => this.pan(0, -box.height / 8),
        '+': () => this.zoom(1 / 1.25, ...mid), '=': () => this.zoom(1 / 1.25, ...mid), '-': () => this.zoom(1.25, ...mid),
        0: () => this.reset(), Home: () => this.reset(),
        ']': () => this.step(1), '[': () => this.step(-1),
        Enter: () => this.marked && this.onPick(this.marked.packet),
        Escape: () => this.mark(null),
      }[e.key];
      if (!act) return;
      e.preventDefault();
      act();
    });
  }
}
