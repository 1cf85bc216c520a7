// Preloaded (node --import) into Electron's install.js by ensure-electron.mjs. install.js prints
// only err.stack, and a failed download's stack reads "TypeError: fetch failed": what failed
// (getaddrinfo ENOTFOUND github.com, a refused connection) is in err.cause, which the stack
// leaves out. This keeps the last failed fetch's cause and prints it on a failing exit.
import fs from 'node:fs';

const realFetch = globalThis.fetch;
let cause = null;
globalThis.fetch = async (...args) => {
  try {
    return await realFetch(...args);
  } catch (err) {
    cause = err?.cause?.message ?? err?.cause?.code ?? null;
    throw err;
  }
};
process.on('exit', (code) => {
  if (code !== 0 && cause) fs.writeSync(2, `electron-install-cause: ${cause}\n`);
});
