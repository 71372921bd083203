// Pure text helpers shared by the panels.

const NS_PER_MS = 1e6;

// formatTime prints virtual nanoseconds the way a student reads them:
// "0 ms", "12.5 ms", "1.204 s", "2 min 3.000 s".
export function formatTime(ns) {
  const n = Number(ns) || 0;
  if (n < 0) return '-' + formatTime(-n);
  const ms = n / NS_PER_MS;
  if (ms < 1000) return `${trimZeros(ms.toFixed(3))} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(3)} s`;
  const min = Math.floor(s / 60);
  return `${min} min ${(s - min * 60).toFixed(3)} s`;
}

// formatDuration prints a length of time compactly: "40 ms", "1.5 s", "2 min".
export function formatDuration(ns) {
  const ms = (Number(ns) || 0) / NS_PER_MS;
  if (ms < 1000) return `${trimZeros(ms.toFixed(3))} ms`;
  const s = ms / 1000;
  if (s < 120) return `${trimZeros(s.toFixed(3))} s`;
  return `${trimZeros((s / 60).toFixed(2))} min`;
}

// scriptDuration writes ns as a net> line takes it: 10ms, 1.5s.
export function scriptDuration(ns) {
  const ms = (Number(ns) || 0) / NS_PER_MS;
  return ms < 1000 ? `${trimZeros(ms.toFixed(3))}ms` : `${trimZeros((ms / 1000).toFixed(3))}s`;
}

function trimZeros(text) {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

// caret returns the line that points at a 1-based column: "    ^".
export function caret(col) {
  return col > 0 ? ' '.repeat(col - 1) + '^' : '';
}

// commonPrefix is the longest prefix every string shares.
export function commonPrefix(strings) {
  if (strings.length === 0) return '';
  let prefix = strings[0];
  for (const s of strings) {
    let i = 0;
    while (i < prefix.length && i < s.length && prefix[i] === s[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

// hexRows lays bytes out as hexdump -C does, 16 to a row.
export function hexRows(bytes) {
  const rows = [];
  for (let off = 0; off < bytes.length; off += 16) {
    rows.push({ offset: off, bytes: Array.from(bytes.slice(off, off + 16)) });
  }
  return rows;
}

export const hex2 = (b) => b.toString(16).padStart(2, '0');
export const hexOffset = (n) => n.toString(16).padStart(8, '0');
export const printable = (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');

// base64ToBytes decodes Go's JSON encoding of []byte.
export function base64ToBytes(text) {
  if (!text) return new Uint8Array(0);
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
