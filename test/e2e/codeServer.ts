// A real VS Code for the end-to-end test and for `npm run try`: code-server (VS Code 1.100.3, the last
// release that runs on Node 20), installed once into a cache folder, started in a sandbox of its own
// (HOME, XDG_*, TMPDIR, user data, extensions) with this repository linked in as the only extension.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
export const repoRoot = findRepoRoot(path.dirname(__filename));

/** The folder of this extension's package.json (`__dirname` is unreliable when loaded from ESM by tsx). */
function findRepoRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'tensor-shape-hints') return dir;
  }
  throw new Error(`no tensor-shape-hints package.json above ${from}`);
}

/** `$XDG_CACHE_HOME/tensor-shape-hints` (or `~/.cache/...`): outside the repository's node_modules. */
export function cacheRoot(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'tensor-shape-hints');
}

function codeServerBin(dir: string): string {
  return path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/**
 * Installs code-server into the cache folder unless it is there already; returns its entry script.
 * The install builds native modules (node-pty, kerberos) against Debian's Node headers and takes
 * ~40 s on an empty npm cache; it lands in a staging folder renamed at the end, so an interrupted
 * install is never mistaken for a finished one.
 */
export function ensureCodeServer(log: (line: string) => void = console.log): string {
  const dir = path.join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
  if (fs.existsSync(codeServerBin(dir))) return codeServerBin(dir);
  const staging = `${dir}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  const tmp = path.join(staging, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  // A package.json of its own, so npm neither walks up into another project nor reads its .npmrc.
  fs.writeFileSync(path.join(staging, 'package.json'), '{ "private": true }\n');
  seedRipgrepCache(tmp);
  log(`installing code-server@${CODE_SERVER_VERSION} into ${dir} (once; about a minute)`);
  const nodeMajor = process.versions.node.split('.')[0];
  const result = spawnSync(
    'npm',
    ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`],
    {
      cwd: staging,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        TMPDIR: tmp,
        npm_config_ignore_scripts: 'false', // code-server's postinstall installs VS Code's own modules
        npm_config_nodedir: process.env.npm_config_nodedir || '/usr', // build against Debian's headers, download nothing
        npm_config_yes: 'true', // node-pty's install runs `npx node-gyp`
        npm_config_unsafe_perm: 'true', // the postinstall refuses root otherwise
        ...(nodeMajor !== '20' ? { FORCE_NODE_VERSION: nodeMajor } : {}),
      },
    },
  );
  if (result.status !== 0 || !fs.existsSync(codeServerBin(staging))) {
    throw new Error(
      `installing code-server@${CODE_SERVER_VERSION} failed (exit ${result.status}); it needs the npm registry, ` +
        'a C++ toolchain and the Debian packages ripgrep and libkrb5-dev (.ci/e2e.sh installs them)',
    );
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.renameSync(staging, dir);
  return codeServerBin(dir);
}

/** @vscode/ripgrep downloads `rg` from GitHub at install unless its cache has it; Debian's rg will do. */
function seedRipgrepCache(tmp: string): void {
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => fs.existsSync(p));
  if (!rg || process.platform !== 'linux' || process.arch !== 'x64') return;
  const cache = path.join(tmp, 'vscode-ripgrep-cache-1.15.11');
  fs.mkdirSync(cache, { recursive: true });
  const tarball = path.join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  spawnSync('tar', ['czf', tarball, '-C', path.dirname(rg), 'rg'], { stdio: 'inherit' });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Sandbox {
  /** Holds home/, xdg/, tmp/, user-data/, extensions/, workspace/, chromium/. Removed by `dispose`. */
  dir: string;
  home: string;
  tmp: string;
  userData: string;
  extensions: string;
  dispose(): void;
}

export function createSandbox(prefix = 'shape-hints-e2e-'): Sandbox {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const sub = (name: string): string => {
    const p = path.join(dir, name);
    fs.mkdirSync(p, { recursive: true });
    return p;
  };
  return {
    dir,
    home: sub('home'),
    tmp: sub('tmp'),
    userData: sub('user-data'),
    extensions: sub('extensions'),
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** `<publisher>.<name>-<version>` in the extensions folder, linked to the repository (built first). */
export function linkExtension(sandbox: Sandbox, extensionRoot = repoRoot): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
  const target = path.join(sandbox.extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  fs.symlinkSync(extensionRoot, target, 'dir');
  return target;
}

/**
 * Installs a packaged .vsix into the sandbox's extensions folder with code-server's own installer
 * (what a user of the .vsix gets), instead of linking the repository.
 */
export function installVsix(sandbox: Sandbox, vsix: string): void {
  const entry = ensureCodeServer();
  const result = spawnSync(
    process.execPath,
    [entry, '--user-data-dir', sandbox.userData, '--extensions-dir', sandbox.extensions, '--install-extension', path.resolve(vsix)],
    { env: sandboxEnv(sandbox), encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`installing ${vsix} failed:\n${result.stdout}${result.stderr}`);
}

/** `E2E_VSIX=<file>`: test that package; otherwise the repository, linked. */
export function installExtensionUnderTest(sandbox: Sandbox): void {
  if (process.env.E2E_VSIX) installVsix(sandbox, process.env.E2E_VSIX);
  else linkExtension(sandbox);
}

function sandboxEnv(sandbox: Sandbox): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    LANG: process.env.LANG ?? 'C.UTF-8',
    HOME: sandbox.home,
    TMPDIR: sandbox.tmp,
    XDG_CONFIG_HOME: path.join(sandbox.home, '.config'),
    XDG_DATA_HOME: path.join(sandbox.home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(sandbox.home, '.cache'),
    XDG_STATE_HOME: path.join(sandbox.home, '.local', 'state'),
    XDG_RUNTIME_DIR: path.join(sandbox.tmp, 'runtime'),
  };
}

export const defaultUserSettings: Record<string, unknown> = {
  'editor.inlayHints.enabled': 'on',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
  'editor.fontSize': 14,
  'editor.hover.delay': 150,
  'files.simpleDialog.enable': true,
  'notebook.output.scrolling': true,
  'git.enabled': false,
};

export interface CodeServer {
  url: string;
  port: number;
  /** Everything code-server printed, for failure messages. */
  output(): string;
  /** Kills the whole process group (code-server, extension hosts, language servers). */
  stop(): Promise<void>;
}

export interface StartOptions {
  sandbox: Sandbox;
  workspace: string;
  settings?: Record<string, unknown>;
  port?: number;
  log?: (line: string) => void;
}

export async function startCodeServer(options: StartOptions): Promise<CodeServer> {
  const { sandbox, workspace } = options;
  const entry = ensureCodeServer(options.log);
  const port = options.port ?? (await freePort());
  const config = path.join(sandbox.dir, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const userDir = path.join(sandbox.userData, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify({ ...defaultUserSettings, ...options.settings }, null, 2));

  const env = sandboxEnv(sandbox);
  fs.mkdirSync(env.XDG_RUNTIME_DIR!, { recursive: true, mode: 0o700 });
  const args = [
    entry,
    '--config', config,
    '--user-data-dir', sandbox.userData,
    '--extensions-dir', sandbox.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    workspace,
  ];
  // detached = setsid(): a session and process group of its own, so stop() reaches the extension
  // host and the language server too (they outlive code-server otherwise).
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));
  if (child.pid) liveGroups.add(child.pid);

  const url = `http://127.0.0.1:${port}/`;
  const stop = async (): Promise<void> => {
    killGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 3000);
    await exit;
    clearTimeout(timer);
    // The group may still hold an extension host that ignored SIGTERM.
    killGroup(child.pid, 'SIGKILL');
    if (child.pid) liveGroups.delete(child.pid);
  };
  try {
    await waitForHealth(url, () => exited, 60_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- code-server output ---\n${output}`);
  }
  return { url, port, output: () => output, stop };
}

/**
 * Process groups not stopped yet; killed when this process exits without stopping them (a failed
 * test, an exception). Signals are the caller's: scripts/try.mjs stops the server on Ctrl+C.
 */
const liveGroups = new Set<number>();
process.on('exit', () => liveGroups.forEach((g) => killGroup(g, 'SIGKILL')));

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  // The detached child leads its group: its pid is the group id.
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function waitForHealth(url: string, exited: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error('code-server exited during start-up');
    try {
      const response = await fetch(new URL('healthz', url));
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url}healthz within ${timeoutMs / 1000} s`);
}
