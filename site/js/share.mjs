// Share links: the session's seed and script, deflated and base64url'd,
// in the URL fragment (never sent to any server). "#z=…" is compressed,
// "#t=…" plain, for browsers without CompressionStream.

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

export async function encodeShare({ seed, script, lang }) {
  const json = enc.encode(JSON.stringify({ v: 1, seed: String(seed), script, ...(lang && lang !== 'en' ? { lang } : {}) }));
  if (typeof CompressionStream === 'function') {
    return 'z=' + toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
  }
  return 't=' + toBase64Url(json);
}

// decodeShare reads a fragment ("#z=…" or without "#"). It returns null
// when there is nothing to share and throws a readable Error on damage.
export async function decodeShare(fragment) {
  const text = (fragment ?? '').replace(/^#/, '');
  const m = /^([zt])=([A-Za-z0-9_-]*)$/.exec(text);
  if (!m) return null;
  let bytes;
  try {
    bytes = fromBase64Url(m[2]);
    if (m[1] === 'z') bytes = await pipe(bytes, new DecompressionStream('deflate-raw'));
  } catch {
    throw new Error('the share link is damaged (it does not decompress)');
  }
  let data;
  try {
    data = JSON.parse(dec.decode(bytes));
  } catch {
    throw new Error('the share link is damaged (it is not a session)');
  }
  if (!data || data.v !== 1 || typeof data.script !== 'string' || !/^\d{1,20}$/.test(String(data.seed))) {
    throw new Error('the share link is not a sockplay session');
  }
  // lang: the language it was shared in (the page offers it; a tag it
  // does not know is ignored).
  const lang = typeof data.lang === 'string' && /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(data.lang) ? data.lang : '';
  return { seed: String(data.seed), script: data.script, ...(lang ? { lang } : {}) };
}

// pipe runs bytes through a (de)compression stream. On damaged input the
// writer's promises fail as well as the read; the read reports it, so
// theirs are caught here. (It reads with a reader: Firefox logs a failing
// Response body as an error even when the failure is caught.)
async function pipe(bytes, transform) {
  const writer = transform.writable.getWriter();
  for (const settled of [writer.closed, writer.write(bytes), writer.close()]) settled.catch(() => {});
  const reader = transform.readable.getReader();
  reader.closed.catch(() => {});
  const chunks = [];
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export function toBase64Url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
