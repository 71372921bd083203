// One IndexedDB key-value store per page concern (the playground's
// sessions, notebook drafts, exercise progress): each call opens the
// database, runs one request in its own transaction and closes it again,
// so no open connection blocks another tab's upgrade.

// keyValueStore is request(mode, fn) for store in database db: fn gets the
// object store and returns an IDBRequest, whose result the promise gives
// once the transaction has completed.
export function keyValueStore(db, store) {
  const open = () => new Promise((resolve, reject) => {
    const req = indexedDB.open(db, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(store);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return (mode, fn) => open().then((conn) => new Promise((resolve, reject) => {
    const tx = conn.transaction(store, mode);
    const req = fn(tx.objectStore(store));
    tx.oncomplete = () => { conn.close(); resolve(req.result); };
    tx.onerror = () => { conn.close(); reject(tx.error); };
  }));
}
