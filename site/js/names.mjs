// The usual Chinese names of TCP states and errnos, shown beside the name
// itself, which stays as Linux prints it: TIME-WAIT（时间等待）. The
// names are the glossary's (core/i18n/GLOSSARY.md); English shows the
// name alone.

import { currentLang, msg, tr } from './i18n.mjs';

const NAMES = Object.fromEntries([
  msg('name.CLOSED', 'CLOSED'), msg('name.LISTEN', 'LISTEN'), msg('name.SYN-SENT', 'SYN-SENT'),
  msg('name.SYN-RECEIVED', 'SYN-RECEIVED'), msg('name.ESTABLISHED', 'ESTABLISHED'),
  msg('name.FIN-WAIT-1', 'FIN-WAIT-1'), msg('name.FIN-WAIT-2', 'FIN-WAIT-2'), msg('name.CLOSE-WAIT', 'CLOSE-WAIT'),
  msg('name.CLOSING', 'CLOSING'), msg('name.LAST-ACK', 'LAST-ACK'), msg('name.TIME-WAIT', 'TIME-WAIT'),
  msg('name.ECONNREFUSED', 'ECONNREFUSED'), msg('name.ECONNRESET', 'ECONNRESET'), msg('name.ETIMEDOUT', 'ETIMEDOUT'),
  msg('name.EADDRINUSE', 'EADDRINUSE'), msg('name.EADDRNOTAVAIL', 'EADDRNOTAVAIL'), msg('name.EAGAIN', 'EAGAIN'),
  msg('name.EPIPE', 'EPIPE'), msg('name.ENOTCONN', 'ENOTCONN'), msg('name.EISCONN', 'EISCONN'), msg('name.EBADF', 'EBADF'),
  msg('name.ENOTSOCK', 'ENOTSOCK'), msg('name.EINPROGRESS', 'EINPROGRESS'), msg('name.EALREADY', 'EALREADY'),
  msg('name.EINVAL', 'EINVAL'), msg('name.ENETUNREACH', 'ENETUNREACH'), msg('name.EHOSTUNREACH', 'EHOSTUNREACH'),
  msg('name.ECONNABORTED', 'ECONNABORTED'), msg('name.EMSGSIZE', 'EMSGSIZE'), msg('name.EOPNOTSUPP', 'EOPNOTSUPP'),
  msg('name.EDESTADDRREQ', 'EDESTADDRREQ'), msg('name.ENOPROTOOPT', 'ENOPROTOOPT'), msg('name.EMFILE', 'EMFILE'),
].map((m) => [m.en, m]));

// localName is the usual name of a state or errno in the page's
// language, or '' when it has none there (English, or a name not in
// the glossary).
export function localName(name) {
  const m = NAMES[name];
  if (!m || currentLang() === 'en') return '';
  const local = tr(m);
  return local === name ? '' : local;
}

// named is name with its local name beside it: "TIME-WAIT（时间等待）".
export function named(name) {
  const local = localName(name);
  return local ? `${name}（${local}）` : name;
}
