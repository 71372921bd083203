// Prose in Markdown, rendered by markdown-it (js/vendor, CommonMark) with
// HTML in the document shown as text and links only to http(s) or
// relative targets: nothing a document holds ever runs.

const SAFE_LINK = /^(?:https?:|[^:]*$|[^:]*[/?#])/i; // a scheme must be http(s); none is relative

let md = null;

function renderer() {
  if (md) return md;
  md = globalThis.markdownit({ html: false, linkify: false, typographer: false });
  md.validateLink = (url) => SAFE_LINK.test(url.trim());
  return md;
}

// renderProse fills el with the Markdown text rendered.
export function renderProse(el, text) {
  el.innerHTML = renderer().render(text); // markdown-it with html: false escapes every tag
  for (const a of el.querySelectorAll('a[href]')) {
    if (/^https?:/i.test(a.getAttribute('href'))) a.rel = 'noopener noreferrer';
  }
}
