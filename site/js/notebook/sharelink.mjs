// A notebook share link: the whole .md in the URL fragment ("#md=…",
// deflate-raw then base64url; the fragment never reaches a server). A
// cell id cannot hold "=", so "#ID" cell links and "#md=" never mix up.

import { toBase64Url, fromBase64Url } from '../share.mjs';

// MAX_TEXT is the largest document a link may carry, decompressed: a
// forged link cannot make the page inflate gigabytes.
export const MAX_TEXT = 1 << 20;

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

export async function encodeNotebookLink(text) {
  return 'md=' + toBase64Url(await transform(enc.encode(text), new CompressionStream('deflate-raw'), Infinity));
}

// decodeNotebookLink reads a fragment ("#md=…" or without "#"): the text,
// null when the fragment is not a notebook link, or a thrown Error saying
// what is wrong with it.
export async function decodeNotebookLink(fragment) {
  const m = /^#?md=([A-Za-z0-9_-]*)$/.exec(fragment ?? '');
  if (!m) return null;
  let bytes;
  try {
    bytes = await transform(fromBase64Url(m[1]), new DecompressionStream('deflate-raw'), MAX_TEXT);
  } catch (err) {
    throw new Error(err.tooBig ? `the notebook in this link is larger than ${MAX_TEXT} bytes` : 'the notebook link is damaged or cut short (it does not decompress)');
  }
  try {
    return dec.decode(bytes);
  } catch {
    throw new Error('the notebook link is damaged (it is not UTF-8 text)');
  }
}

// transform runs bytes through a (de)compression stream, stopping with an
// error {tooBig} past limit bytes out.
async function transform(bytes, stream, limit) {
  const writer = stream.writable.getWriter();
  for (const settled of [writer.closed, writer.write(bytes), writer.close()]) settled.catch(() => {});
  const reader = stream.readable.getReader();
  reader.closed.catch(() => {});
  const chunks = [];
  let size = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    size += r.value.length;
    if (size > limit) {
      reader.cancel().catch(() => {});
      throw Object.assign(new Error('too big'), { tooBig: true });
    }
    chunks.push(r.value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

// textKey names a document by its text (FNV-1a, 32 bits): a shared
// notebook's drafts are kept apart from every other document's.
export function textKey(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
