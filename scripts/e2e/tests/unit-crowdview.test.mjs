import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stateSeries, queueSeries } from '../../../site/js/crowdview.mjs';

const MS = 1e6;
const st = (time, host, from, to) => ({ kind: 'state', time, host, from, to, fd: 3 });

test('connections are counted by state after every state event, per host', () => {
  const events = [
    st(0, 'server', 'CLOSED', 'LISTEN'),
    st(1 * MS, 'crowd', 'CLOSED', 'SYN-SENT'),
    st(2 * MS, 'crowd', 'CLOSED', 'SYN-SENT'),
    st(11 * MS, 'server', 'LISTEN', 'SYN-RECEIVED'),
    st(21 * MS, 'crowd', 'SYN-SENT', 'ESTABLISHED'),
    st(31 * MS, 'server', 'SYN-RECEIVED', 'ESTABLISHED'),
    st(40 * MS, 'server', 'LAST-ACK', 'CLOSED'),
    st(50 * MS, 'crowd', 'FIN-WAIT-2', 'TIME-WAIT'),
  ];
  const s = stateSeries(events);
  assert.deepEqual([...s.keys()], ['server', 'crowd']);
  assert.deepEqual(s.get('crowd').get('SYN-SENT'), [[0, 0], [1 * MS, 1], [2 * MS, 2], [21 * MS, 1]]);
  assert.deepEqual(s.get('crowd').get('TIME-WAIT'), [[0, 0], [50 * MS, 1]]);
  assert.deepEqual(s.get('server').get('ESTABLISHED'), [[0, 0], [31 * MS, 1]]);
  assert.deepEqual(s.get('server').get('SYN-RECEIVED'), [[0, 0], [11 * MS, 1], [31 * MS, 0]]);
});

test('a listener\'s queues follow its queue events, with its drops', () => {
  const q = (time, synQ, acceptQ) => ({ kind: 'queue', time, host: 'server', fd: 3, queue: { synQ, synMax: 2, acceptQ, acceptMax: 2 } });
  const events = [
    q(10 * MS, 1, 0), q(10 * MS, 2, 0),
    { kind: 'drop', time: 10 * MS, host: 'server', fd: 3, text: 'SYN queue full' },
    { kind: 'drop', time: 12 * MS, from: 'client', to: 'server', text: 'lost on the link' },
    q(20 * MS, 1, 1), q(21 * MS, 0, 2),
  ];
  const [l] = queueSeries(events);
  assert.equal(l.fd, 3);
  assert.deepEqual(l.syn, [[0, 0], [10 * MS, 1], [10 * MS, 2], [20 * MS, 1], [21 * MS, 0]]);
  assert.deepEqual(l.accept, [[0, 0], [20 * MS, 1], [21 * MS, 2]]);
  assert.equal(l.synMax, 2);
  assert.deepEqual(l.drops, [{ time: 10 * MS, text: 'SYN queue full' }], 'only the listener\'s own drops, not the link\'s');
});
