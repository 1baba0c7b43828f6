// `npm run try [-- <folder>]`: VS Code (code-server, installed once into ~/.cache/tensor-shape-hints)
// with this extension, on 127.0.0.1, opened on a scratch copy of examples/ (plus a notebook) or on
// <folder>. Prints the URL; Ctrl+C stops it and removes the scratch files. Run through tsx, which
// loads the TypeScript harness shared with the end-to-end test.
import * as path from 'node:path';
import { createSandbox, linkExtension, startCodeServer } from '../test/e2e/codeServer.ts';
import { prepareWorkspace } from '../test/e2e/workspace.ts';

const folderArg = process.argv[2];
const port = Number(process.env.PORT) || undefined; // unset or 0: a free port
const sandbox = createSandbox('shape-hints-try-');
linkExtension(sandbox);
const workspace = folderArg ? path.resolve(folderArg) : prepareWorkspace(path.join(sandbox.dir, 'examples'));

let server;
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await server?.stop();
  sandbox.dispose();
  process.exit(0);
};
// Before the start: Ctrl+C while code-server starts must not leave it running.
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGHUP', shutdown);

try {
  server = await startCodeServer({ sandbox, workspace, port, settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
} catch (error) {
  sandbox.dispose();
  console.error(String(error instanceof Error ? error.message : error));
  process.exit(1);
}

console.log(`\nTensor Shape Hints in VS Code (code-server) is running:\n\n  ${server.url}?folder=${encodeURIComponent(workspace)}\n`);
console.log(folderArg ? `Folder: ${workspace}` : `A scratch copy of examples/ (edits are discarded on exit): ${workspace}`);
console.log('Open a .py file or mnist_cnn.ipynb. Ctrl+C to stop.\n');
