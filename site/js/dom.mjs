// Element builders that only ever set text and attributes: user data is
// never parsed as HTML, so a payload like <img onerror=…> stays text.

const SVG_NS = 'http://www.w3.org/2000/svg';

// h('button', {class: 'x', onclick: f, 'aria-label': 'y'}, 'text', child…)
export function h(tag, props = {}, ...children) {
  return build(document.createElement(tag), props, children);
}

// svg('line', {x1: 0, …}) builds an SVG element the same way.
export function svg(tag, props = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), props, children);
}

function build(el, props, children) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'text') {
      el.textContent = String(value);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

// append adds children: nodes, strings (as text), arrays, skipping nulls.
export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

// replace empties el and fills it with children.
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

export const $ = (selector, root = document) => root.querySelector(selector);
