// Drawing a graph (graph-model.mjs) through a painter: the same code fills
// the page's canvas and writes the SVG export. Bars and dots are drawn as
// runs of occupied pixels per column, so the cost follows the screen's
// size, not the number of packets.

import { Scale, ticks, formatAxisTime, occupancy, stepPath, bandRuns, COLORS } from './graph-model.mjs';
import { AXES } from './strings.mjs';

export const MARGIN = { left: 84, right: 14, top: 12, bottom: 40 };
const FONT = '11px system-ui, sans-serif';

const HEADER = 44; // the title and legend of an exported graph

// plotBox is where the data goes in a graph of width x height.
export function plotBox(width, height, header = false) {
  const top = MARGIN.top + (header ? HEADER : 0);
  return { left: MARGIN.left, top, width: Math.max(10, width - MARGIN.left - MARGIN.right), height: Math.max(10, height - top - MARGIN.bottom) };
}

// paintGraph draws g in view ({x0, x1, y0, y1}) at width x height;
// marked is a point ({layer, index}) to ring; header (a caption) adds the
// title and the legend above the plot, for an exported graph.
export function paintGraph(p, g, view, width, height, { marked = null, header = '' } = {}) {
  const box = plotBox(width, height, !!header);
  const scale = new Scale(view, box);
  p.rect(0, 0, width, height, '#ffffff');
  if (header) {
    p.text(box.left, 18, `${g.title}: ${header}`, 'start', '#111827');
    let x = box.left;
    for (const item of g.legend) {
      p.rect(x, 30, 12, item.band ? 10 : 3, item.color, item.band ? 0.3 : 1);
      p.text(x + 16, 38, item.name, 'start', '#374151');
      x += 28 + item.name.length * 6.2;
    }
  }
  const yt = ticks(view.y0, view.y1, Math.max(2, Math.floor(box.height / 48)));
  const xt = ticks(view.x0, view.x1, Math.max(2, Math.floor(box.width / 110)));
  for (const v of yt) {
    const y = Math.round(scale.py(v)) + 0.5;
    p.line(box.left, y, box.left + box.width, y, '#e5e7eb', 1);
    p.text(box.left - 6, y + 4, g.formatY(v), 'end', '#374151');
  }
  for (const v of xt) {
    const x = Math.round(scale.px(v)) + 0.5;
    p.line(x, box.top, x, box.top + box.height, '#e5e7eb', 1);
    p.text(x, box.top + box.height + 15, formatAxisTime(v, view.x1 - view.x0), 'middle', '#374151');
  }
  p.text(box.left + box.width / 2, height - 6, AXES.time, 'middle', '#6b7280');
  p.text(12, box.top + box.height / 2, g.yLabel, 'middle', '#6b7280', -90);
  p.clip(box, () => {
    const xEnd = g.x[1];
    for (const l of g.layers) {
      if (l.type === 'bands') {
        for (const r of bandRuns(l, xEnd)) {
          const a = Math.max(box.left, scale.px(r.x0)), b = Math.min(box.left + box.width, scale.px(r.x1));
          if (b > a) p.rect(a, box.top, b - a, box.height, COLORS[l.names[r.phase]] ?? '#999', 0.13);
        }
      } else if (l.type === 'steps') {
        p.path(stepPath(l, scale, xEnd), l.color, 1.5);
      } else {
        const dots = l.type === 'dots';
        for (const r of occupancy(l, scale, { width: Math.ceil(box.width), height: Math.ceil(box.height) })) {
          if (dots) p.rect(box.left + r.col - 1, box.top + r.from - 1, 3, r.to - r.from + 3, l.color);
          else p.rect(box.left + r.col - 0.5, box.top + r.from, 2, r.to - r.from + 1, l.color);
        }
      }
    }
    if (marked) {
      const l = marked.layer, i = marked.index;
      const y0 = scale.py(l.ys2 ? l.ys2[i] : l.ys[i]), y1 = scale.py(l.ys[i]);
      p.ring(scale.px(l.xs[i]), (y0 + y1) / 2, Math.max(6, (y1 - y0) / 2 + 4), '#e11d48');
    }
  });
  p.stroke(box.left + 0.5, box.top + 0.5, box.width, box.height, '#9ca3af');
  return scale;
}

// CanvasPainter draws onto a 2D context (in CSS pixels).
export class CanvasPainter {
  constructor(ctx) { this.ctx = ctx; ctx.font = FONT; }
  rect(x, y, w, h, color, alpha = 1) {
    this.ctx.globalAlpha = alpha;
    this.ctx.fillStyle = color;
    this.ctx.fillRect(x, y, w, h);
    this.ctx.globalAlpha = 1;
  }
  stroke(x, y, w, h, color) {
    this.ctx.strokeStyle = color;
    this.ctx.lineWidth = 1;
    this.ctx.strokeRect(x, y, w, h);
  }
  line(x0, y0, x1, y1, color, width) { this.path([[x0, y0], [x1, y1]], color, width); }
  path(pts, color, width) {
    if (pts.length < 2) return;
    const c = this.ctx;
    c.beginPath();
    c.moveTo(pts[0][0], pts[0][1]);
    for (let i = 1; i < pts.length; i++) c.lineTo(pts[i][0], pts[i][1]);
    c.strokeStyle = color;
    c.lineWidth = width;
    c.stroke();
  }
  ring(x, y, r, color) {
    const c = this.ctx;
    c.beginPath();
    c.arc(x, y, r, 0, 2 * Math.PI);
    c.strokeStyle = color;
    c.lineWidth = 2;
    c.stroke();
  }
  text(x, y, s, align, color, rotate = 0) {
    const c = this.ctx;
    c.save();
    c.fillStyle = color;
    c.textAlign = align === 'end' ? 'right' : align === 'middle' ? 'center' : 'left';
    c.translate(x, y);
    if (rotate) c.rotate(rotate * Math.PI / 180);
    c.fillText(s, 0, 0);
    c.restore();
  }
  clip(box, draw) {
    const c = this.ctx;
    c.save();
    c.beginPath();
    c.rect(box.left, box.top, box.width, box.height);
    c.clip();
    draw();
    c.restore();
  }
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v) => Number(v.toFixed(1));

// SVGPainter writes the same drawing as SVG text.
export class SVGPainter {
  // idPrefix names the clip paths: ids must differ between the graphs of one page.
  constructor(idPrefix = 'plot') { this.parts = []; this.clips = 0; this.idPrefix = idPrefix; }
  rect(x, y, w, h, color, alpha = 1) {
    this.parts.push(`<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${color}"${alpha < 1 ? ` fill-opacity="${alpha}"` : ''}/>`);
  }
  stroke(x, y, w, h, color) { this.parts.push(`<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="none" stroke="${color}"/>`); }
  line(x0, y0, x1, y1, color, width) { this.path([[x0, y0], [x1, y1]], color, width); }
  path(pts, color, width) {
    if (pts.length < 2) return;
    this.parts.push(`<path d="M${pts.map(([x, y]) => `${n(x)} ${n(y)}`).join('L')}" fill="none" stroke="${color}" stroke-width="${width}"/>`);
  }
  ring(x, y, r, color) { this.parts.push(`<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" fill="none" stroke="${color}" stroke-width="2"/>`); }
  text(x, y, s, align, color, rotate = 0) {
    const tr = rotate ? ` transform="rotate(${rotate} ${n(x)} ${n(y)})"` : '';
    this.parts.push(`<text x="${n(x)}" y="${n(y)}" text-anchor="${align}" fill="${color}"${tr}>${esc(s)}</text>`);
  }
  clip(box, draw) {
    const id = `${this.idPrefix}${++this.clips}`;
    this.parts.push(`<clipPath id="${id}"><rect x="${box.left}" y="${box.top}" width="${box.width}" height="${box.height}"/></clipPath><g clip-path="url(#${id})">`);
    draw();
    this.parts.push('</g>');
  }
  svg(width, height, title) {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="11">` +
      `<title>${esc(title)}</title>${this.parts.join('\n')}</svg>\n`;
  }
}
