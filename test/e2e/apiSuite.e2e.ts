// The desktop suite of `npm run test:electron` (test/electron/suite.ts), run here inside code-server's
// extension host: @vscode/test-electron needs the internet to download VS Code, this does not, so
// the suite is kept working by CI. A small runner extension loads the bundled suite once VS Code
// has started and writes its verdict to a file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import type { BrowserContext } from 'playwright-core';
import { createSandbox, linkExtension, repoRoot, startCodeServer, type CodeServer, type Sandbox } from './codeServer';
import { prepareWorkspace } from './workspace';
import { launchBrowser, Workbench } from './workbench';

let sandbox: Sandbox;
let server: CodeServer | undefined;
let browser: BrowserContext | undefined;
let verdict: string;

before(async () => {
  sandbox = createSandbox();
  // Always the repository: this checks the suite, the packaged .vsix is extension.e2e.ts's business
  // (an installed .vsix also pins the extensions folder's list, which would hide the runner).
  linkExtension(sandbox);
  verdict = path.join(sandbox.dir, 'suite-verdict.txt');
  await writeRunnerExtension(path.join(sandbox.extensions, 'shape-hints-tests.suite-runner-0.0.1'), verdict);
  const workspace = prepareWorkspace(path.join(sandbox.dir, 'workspace'));
  server = await startCodeServer({ sandbox, workspace });
  // The extension host starts when a window connects.
  browser = await launchBrowser(path.join(sandbox.dir, 'chromium'));
  await Workbench.open(browser.pages()[0] ?? (await browser.newPage()), server.url, workspace);
});

after(async () => {
  await browser?.close().catch(() => undefined);
  await server?.stop();
  sandbox?.dispose();
});

test('the test:electron suite passes in code-server\'s extension host', { timeout: 120_000 }, async () => {
  const deadline = Date.now() + 90_000;
  while (!fs.existsSync(verdict) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  assert.ok(fs.existsSync(verdict), 'the suite did not finish');
  const text = fs.readFileSync(verdict, 'utf8');
  assert.ok(text.startsWith('PASS'), text);
});

async function writeRunnerExtension(dir: string, verdictFile: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [path.join(repoRoot, 'test/electron/suite.ts')],
    outfile: path.join(dir, 'suite.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  const manifest = {
    name: 'suite-runner',
    publisher: 'shape-hints-tests',
    version: '0.0.1',
    engines: { vscode: '^1.90.0' },
    main: './main.js',
    activationEvents: ['onStartupFinished'],
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
  fs.writeFileSync(
    path.join(dir, 'main.js'),
    `const fs = require('fs');
exports.activate = () => {
  process.env.SHAPE_HINTS_REPO = ${JSON.stringify(repoRoot)};
  require('./suite.js').run().then(
    () => fs.writeFileSync(${JSON.stringify(verdictFile)}, 'PASS\\n'),
    (error) => fs.writeFileSync(${JSON.stringify(verdictFile)}, 'FAIL ' + (error && error.message) + '\\n'),
  );
};
`,
  );
}
