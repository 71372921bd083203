// Text from users and packets shown safely: a control or bidirectional
// formatting character (U+202E RIGHT-TO-LEFT OVERRIDE reverses the rest of
// its line; zero-width ones hide) is drawn as a visible mark ⟨U+202E⟩ rather
// than obeyed, as an editor shows it. Newlines and tabs stay.

const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

// controlSegments splits text into [{text, control}], a control segment
// holding one character.
export function controlSegments(text) {
  const out = [];
  let last = 0;
  for (const m of String(text).matchAll(HIDDEN)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), control: false });
    out.push({ text: m[0], control: true });
    last = m.index + 1;
  }
  if (last < text.length) out.push({ text: text.slice(last), control: false });
  return out;
}

// codePoint names a character as U+XXXX.
export function codePoint(ch) {
  return 'U+' + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0');
}

// safeString is text with each control or bidirectional character written
// as its mark, for places that take a string: SVG text, titles, labels.
export function safeString(text) {
  return String(text ?? '').replace(HIDDEN, (ch) => `⟨${codePoint(ch)}⟩`);
}

// payloadString is a packet's bytes as text, the way Wireshark's UTF-8 view
// reads them: UTF-8 decoded (an invalid sequence becomes U+FFFD, a leading
// byte-order mark is kept), CR LF and CR as line ends, and the other C0 and
// C1 controls and DEL as dots, as tcpdump -A prints them. Bidirectional and
// zero-width characters stay, for safeNodes or safeString to mark.
const DOTTED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
export function payloadString(bytes) {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
    .replace(/\r\n?/g, '\n').replace(DOTTED, '.');
}

// safeNodes is text as DOM nodes: plain text, and each control character
// as a marked span that says its code point.
export function safeNodes(text) {
  return controlSegments(String(text ?? '')).map((s) => {
    if (!s.control) return document.createTextNode(s.text);
    const mark = document.createElement('span');
    mark.className = 'ctl';
    mark.textContent = `⟨${codePoint(s.text)}⟩`;
    mark.title = `the invisible character ${codePoint(s.text)}, shown rather than obeyed`;
    return mark;
  });
}
