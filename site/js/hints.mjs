// What to try next, for a first-time visitor: read from the session's
// state, a short hint that walks through one connection's life.

import { t } from './i18n.mjs';

// nextHint returns {host, text, code} (code is what to type, if anything)
// or null when the visitor is past the basics. example is the example
// whose story is on screen, {title, playing}, if any: its session is not
// one the steps below would describe.
export function nextHint(state, example = null) {
  if (!state) return null;
  if (example?.playing) {
    return { host: 'net', text: t('hint.playing', 'Playing “{title}”: the story above the diagram tells what happens; “Skip to the end” finishes it at once.', { title: example.title }) };
  }
  if (example) {
    return { host: 'net', text: t('hint.played', '“{title}” has played: click a packet to inspect it, drag the time-travel slider to watch it again, or Reset to start your own.', { title: example.title }) };
  }
  const host = (name) => state.hosts?.find((h) => h.name === name) ?? { sockets: [] };
  const server = host('server');
  const client = host('client');
  const tcp = (h) => (h.sockets ?? []).filter((s) => s.proto === 'tcp');
  const listening = tcp(server).some((s) => s.state === 'LISTEN');
  const established = tcp(client).some((s) => s.state === 'ESTABLISHED');
  const closing = [...tcp(client), ...tcp(server)].some((s) => /FIN|CLOSE-WAIT|LAST-ACK|TIME-WAIT|CLOSING/.test(s.state));

  if (state.inflight?.length) {
    return { host: 'net', text: t('hint.inflight', 'Packets are on the wire: press Step to deliver the next one, or click one to drop or delay it.') };
  }
  if (server.pending && !tcp(client).length) {
    return { host: 'client', text: t('hint.connect-client', 'The server waits in accept(). Now connect from the client console:'), code: 'c = socket(AF_INET, SOCK_STREAM)' };
  }
  if (!tcp(server).length && !tcp(client).length) {
    return { host: 'server', text: t('hint.start', 'Start with a server: in the server console type'), code: 's = socket(AF_INET, SOCK_STREAM)' };
  }
  if (tcp(server).length && !listening && !established && !closing) {
    return { host: 'server', text: t('hint.bind', 'Give it an address, then listen:'), code: 'bind(s, 0.0.0.0:80)' };
  }
  if (listening && !tcp(client).length) {
    return { host: 'client', text: t('hint.client', 'Now the client: in the client console type'), code: 'c = socket(AF_INET, SOCK_STREAM)' };
  }
  if (listening && tcp(client).some((s) => s.state === 'CLOSED') && !established) {
    return { host: 'client', text: t('hint.connect', 'Connect to the server — watch the SYN leave:'), code: 'connect(c, server:80)' };
  }
  if (established && !closing) {
    return { host: 'client', text: t('hint.connected', 'Connected. Send something, then recv it on the server, or close:'), code: 'send(c, "hello")' };
  }
  return null;
}
