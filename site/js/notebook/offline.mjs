// The single-file notebook (scripts/singlefile) carries its engine and
// its notebooks inside the page, so that it runs from file:// with no
// server; the served page fetches them.

const engineEl = () => document.getElementById('sockplay-engine');
const notebooksEl = () => document.getElementById('sockplay-notebooks');

// isSingleFile: this page carries everything it needs.
export function isSingleFile() { return engineEl() !== null; }

function fromBase64(text) {
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(text);
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

// engineSource is what loadEngine fetches: the served file's URL, or a
// function giving the carried engine (gzip in base64) as a wasm Response.
export function engineSource(url) {
  const el = engineEl();
  if (!el) return url;
  return () => {
    const gz = new Blob([fromBase64(el.textContent.trim())]);
    return new Response(gz.stream().pipeThrough(new DecompressionStream('gzip')), { headers: { 'Content-Type': 'application/wasm' } });
  };
}

// shippedNotebook is the text of bundled notebook name, or null.
export async function shippedNotebook(name) {
  const el = notebooksEl();
  if (el) {
    const all = JSON.parse(el.textContent);
    return Object.hasOwn(all, name) ? all[name] : null;
  }
  const res = await fetch(`notebooks/${name}.md`).catch(() => null);
  return res?.ok ? res.text() : null;
}
