// `npm run test:electron`: the extension in a real desktop VS Code, downloaded by @vscode/test-electron
// (so it needs the internet; CI here runs the code-server test, `npm run test:e2e`, instead). The
// suite (suite.ts) runs inside the extension host and checks hints, diagnostics, the quick fix,
// hovers and a notebook through the VS Code API. On Linux without a display: `xvfb-run -a npm run test:electron`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { cacheRoot, repoRoot } from '../e2e/codeServer';
import { prepareWorkspace } from '../e2e/workspace';

const version = process.env.VSCODE_VERSION ?? 'stable';
const cachePath = path.join(cacheRoot(), 'vscode-test');

async function online(): Promise<boolean> {
  try {
    const response = await fetch('https://update.code.visualstudio.com/api/releases/stable', { signal: AbortSignal.timeout(8000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  const cached = fs.existsSync(cachePath) && fs.readdirSync(cachePath).some((d) => d.startsWith('vscode-'));
  if (!cached && !(await online())) {
    console.error(
      'test:electron needs the internet: @vscode/test-electron downloads VS Code from update.code.visualstudio.com, ' +
        'which cannot be reached from here.\nRun `npm run test:e2e` instead (VS Code through code-server in Chromium, offline once installed).',
    );
    return 1;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.warn('No display: VS Code (Electron) needs one. Run `xvfb-run -a npm run test:electron` if it fails to start.');
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shape-hints-electron-'));
  try {
    // The suite runs in the extension host, which loads plain CommonJS: bundle it.
    const suite = path.join(work, 'suite.js');
    await build({ entryPoints: [path.join(__dirname, 'suite.ts')], outfile: suite, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning' });
    const workspace = prepareWorkspace(path.join(work, 'workspace'));
    return await runTests({
      version,
      cachePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suite,
      extensionTestsEnv: { SHAPE_HINTS_REPO: repoRoot },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir', path.join(work, 'user-data'),
        '--extensions-dir', path.join(work, 'extensions'),
      ],
    });
  } catch (error) {
    console.error(`test:electron failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
