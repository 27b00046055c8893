// For tests only (SqliteStoreOptions.integrityWorker): the integrity check's worker, held before it
// starts until the test posts `go` on the BroadcastChannel named below. While it is held, a test
// can show what the store's thread still does; then the real check runs, on this worker thread.
const channel = new BroadcastChannel('baton-integrity-worker-held');
channel.onmessage = (message) => {
  if (message.data !== 'go') return;
  channel.close();
  void import('./integrity-worker.js');
};
channel.postMessage('held');
