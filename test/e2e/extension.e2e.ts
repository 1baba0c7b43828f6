// End-to-end: the extension in a real VS Code (code-server 4.100.3 = VS Code 1.100.3) driven in
// headless Chromium, checking what a person sees: inlay hints, the error squiggle, the Problems
// entry, the quick fix from the light bulb, hovers, a notebook's cells, the summary command, a
// sample forward pass, a setting changed in the Settings editor, restarts and crashes.
// Expected shapes, messages and parameter counts come from the oracle goldens (examples traced
// under real PyTorch), never typed here. Run: `npm run test:e2e` (.ci/e2e.sh installs Chromium).
// UPDATE_SCREENSHOTS=1 writes the README screenshots into docs/; otherwise they go to .cache/e2e/.
// E2E_VSIX=<file> tests that package instead of the repository; E2E_KEEP=1 keeps the sandbox.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createSandbox, installExtensionUnderTest, repoRoot, startCodeServer, type CodeServer, type Sandbox } from './codeServer';
import { NOTEBOOK_NAME, notebookCells, prepareWorkspace } from './workspace';
import { launchBrowser, Workbench, type RenderedLine } from './workbench';

interface GoldenHint {
  line: number;
  column: number;
  name: string;
  shapes: (number | string)[][];
}
interface Golden {
  file: string;
  error: { type: string; message: string; line: number } | null;
  models: { line: number; type: string; params: number }[];
  hints: GoldenHint[];
}

const golden = (name: string): Golden => JSON.parse(fs.readFileSync(path.join(repoRoot, 'test/oracle/goldens/fixtures', `${name}.json`), 'utf8'));
/** The TF.js fixtures' goldens (traced by real tfjs) and the Flux ones' (by their PyTorch twins). */
const fixtureGolden = (framework: 'tfjs' | 'flux', name: string): Golden & { error: { message: string; torch?: string; line: number } | null } =>
  JSON.parse(fs.readFileSync(path.join(repoRoot, `test/oracle/goldens/${framework}/fixtures`, `${name}.json`), 'utf8'));
const shapeText = (shape: (number | string)[]): string => `[${shape.join(', ')}]`;
/** The label the server draws after a name: `: [64, 32, 26, 26]` (several shapes joined by ` | `). */
const hintText = (h: GoldenHint): string => `: ${h.shapes.map(shapeText).join(' | ')}`;
/** Flux's sizes are tuples: `: (22, 22, 1, 16)`. */
const tupleHintText = (h: GoldenHint): string => `: ${h.shapes.map((s) => `(${s.join(', ')}${s.length === 1 ? ',' : ''})`).join(' | ')}`;

const screenshotDir = process.env.UPDATE_SCREENSHOTS ? path.join(repoRoot, 'docs') : path.join(repoRoot, '.cache', 'e2e');
const settings = {
  'workbench.colorTheme': 'Default Dark Modern',
  'editor.cursorBlinking': 'solid',
  'workbench.editor.enablePreview': false,
  'workbench.reduceMotion': 'on', // no fade-ins half-way through a screenshot
  'shapeHints.trace.server': 'messages', // in the output channel's log file, shown when a step fails
};

/** Golden hints missing from the rendered lines: each must be on its line, right after its name. */
function missingHints(expected: GoldenHint[], lines: RenderedLine[], lineOf: (h: GoldenHint) => number = (h) => h.line, label = hintText): string[] {
  return expected
    .filter((h) => {
      const line = lines.find((l) => l.line === lineOf(h));
      return !line?.hints.some((shown) => shown.label === label(h) && shown.before.trimEnd().endsWith(h.name));
    })
    .map((h) => `line ${lineOf(h)}: ${h.name}${label(h)}`);
}

const describeLines = (lines: RenderedLine[]): string =>
  lines.map((l) => `${String(l.line).padStart(3)} ${l.text}${l.hints.map((h) => `  «${h.label}»`).join('')}${l.squiggles.length ? `  ~${l.squiggles.join(',')}` : ''}`).join('\n');

describe('Tensor Shape Hints in VS Code (code-server + Chromium)', { timeout: 240_000 }, () => {
  let sandbox: Sandbox;
  let server: CodeServer | undefined;
  let browser: BrowserContext | undefined;
  let page: Page;
  let wb: Workbench;
  let workspace: string;

  before(async () => {
    sandbox = createSandbox();
    installExtensionUnderTest(sandbox);
    workspace = prepareWorkspace(path.join(sandbox.dir, 'workspace'));
    server = await startCodeServer({ sandbox, workspace, settings });
    browser = await launchBrowser(path.join(sandbox.dir, 'chromium'));
    page = browser.pages()[0] ?? (await browser.newPage());
    wb = await Workbench.open(page, server.url, workspace);
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (process.env.E2E_KEEP) console.log(`kept ${sandbox.dir}`);
    else sandbox?.dispose();
  });

  /** A failing step leaves a screenshot and the end of code-server's log behind. */
  async function step(name: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (error) {
      const file = path.join(repoRoot, '.cache', 'e2e', `failure-${name}.png`);
      await wb?.screenshot(file).catch(() => undefined);
      await wb?.reset().catch(() => undefined); // so the next step starts from a clean workbench
      const log = server?.output().split('\n').slice(-15).join('\n') ?? '';
      const channel = findFiles(path.join(sandbox.userData, 'logs'), /Tensor Shape Hints\.log$/)()
        .map((f) => fs.readFileSync(f, 'utf8').split('\n').slice(-40).join('\n'))
        .join('\n');
      // On stderr: the reporter shows an assertion's message as it was when thrown.
      console.error(`[${name}] screenshot: ${file}\n--- code-server log (tail) ---\n${log}\n--- "Tensor Shape Hints" output channel (tail) ---\n${channel}`);
      throw error;
    }
  }

  test('the workbench loads and the extension activates on a Python file', () =>
    step('activation', async () => {
      await wb.openFile('mnist_cnn.py');
      const logs = findFiles(path.join(sandbox.userData, 'logs'), /exthost\.log$/);
      const deadline = Date.now() + 20_000;
      let activated = false;
      while (!activated && Date.now() < deadline) {
        activated = logs().some((f) => /_doActivateExtension tensor-shape-hints\.tensor-shape-hints\b/.test(fs.readFileSync(f, 'utf8')));
        if (!activated) await page.waitForTimeout(250);
      }
      assert.ok(activated, 'the extension host log does not show tensor-shape-hints being activated');
      // Its commands are in the palette under the extension's category.
      await wb.runCommand('Tensor Shape Hints: Show output');
      const output = page.locator('.part.panel .monaco-editor .view-lines');
      await output.waitFor({ state: 'visible' });
      await wb.closePanel();
    }));

  test('inlay hints show the shapes PyTorch computes (examples/mnist_cnn.py)', () =>
    step('hints', async () => {
      const expected = golden('mnist_cnn').hints;
      const lines = await wb.waitForLines((ls) => missingHints(expected, ls).length === 0);
      assert.deepEqual(missingHints(expected, lines), [], `hints as drawn:\n${describeLines(lines)}`);
      await wb.screenshot(path.join(screenshotDir, 'screenshot-hints.png'));
    }));

  test('hovers: a tensor\'s shape, and a model\'s summary with PyTorch\'s parameter count', () =>
    step('hover', async () => {
      const g = golden('mnist_cnn');
      const out = g.hints.find((h) => h.name === 'out')!;
      let hover = await wb.hover(out.line, 'out');
      assert.match(await hover.innerText(), new RegExp(`out${escapeRegExp(hintText(out))}`));
      await wb.dismissHover();

      // `out = model(images)`: the model's summary; its total is PyTorch's sum of parameter sizes.
      const model = g.models[0];
      hover = await wb.hover(model.line, 'model');
      const text = await hover.innerText();
      assert.match(text, new RegExp(`Total params: ${model.params.toLocaleString('en-US')}`), text);
      assert.match(text, /Run sample forward pass/);
      // The ```shape block is coloured by the extension's grammar: numbers, layer types and the
      // header get token classes of their own (plain text would be a single class).
      const classes = await hover.locator('.monaco-tokenized-source span').evaluateAll((spans: { className: string }[]) => [...new Set(spans.map((s) => s.className))]);
      assert.ok(classes.length >= 3, `the shape code block is not tokenized: ${classes.join(' ')}`);
      await page.waitForTimeout(300);
      await wb.screenshot(path.join(screenshotDir, 'screenshot-hover.png'));
      await wb.dismissHover();
    }));

  test('a shape error is squiggled where PyTorch raises it and listed in Problems', () =>
    step('diagnostic', async () => {
      const g = golden('linear_mismatch');
      assert.ok(g.error, 'the golden records no error');
      await wb.openFile('linear_mismatch.py');
      const lines = await wb.waitForLines((ls) => ls.some((l) => l.squiggles.includes('error')) && missingHints(g.hints, ls).length === 0);
      const squiggled = lines.filter((l) => l.squiggles.includes('error')).map((l) => l.line);
      assert.deepEqual(squiggled, [g.error.line], describeLines(lines));
      assert.deepEqual(missingHints(g.hints, lines), [], describeLines(lines));
      const rows = await wb.problems((r) => r.some((row) => row.includes(g.error!.message)));
      assert.ok(rows.some((row) => row.includes(g.error!.message) && row.includes('linear-in-features')), `Problems panel:\n${rows.join('\n')}`);
      await wb.closePanel();
    }));

  test('the light bulb\'s quick fix sets in_features and the error goes away', () =>
    step('quickfix', async () => {
      const g = golden('linear_mismatch');
      // PyTorch's message names the real input width: "(1x768 and 3072x10)" -> in_features 768.
      const [, , inFeatures, oldIn] = /\((\d+)x(\d+) and (\d+)x(\d+)\)/.exec(g.error!.message)!.slice(0, 4);
      await wb.clickWord(g.error!.line, 'head');
      const bulb = page.locator('.editor-group-container.active .lightBulbWidget');
      await bulb.waitFor({ state: 'visible', timeout: 10_000 });
      await bulb.click();
      const fix = page.locator(`.action-widget .monaco-list-row.action[aria-label="Set in_features to ${inFeatures}"]`);
      await fix.waitFor({ state: 'visible', timeout: 10_000 });
      await wb.screenshot(path.join(screenshotDir, 'screenshot-quickfix.png'));
      await wb.chooseCodeAction(`Set in_features to ${inFeatures}`);
      const lines = await wb.waitForLines((ls) => ls.every((l) => l.squiggles.length === 0) && ls.some((l) => l.text.includes(`nn.Linear(${inFeatures}, 10)`)));
      assert.ok(lines.some((l) => l.text.includes(`nn.Linear(${inFeatures}, 10)`)), `the fix did not edit nn.Linear(${oldIn}, 10):\n${describeLines(lines)}`);
      assert.deepEqual(lines.filter((l) => l.squiggles.length > 0).map((l) => l.line), [], describeLines(lines));
      const rows = await wb.problems((r) => r.length === 0);
      assert.deepEqual(rows, [], 'the Problems panel still lists a problem');
      await wb.closePanel();
    }));

  test('a notebook: hints in the model\'s cell and in the cell that calls it', () =>
    step('notebook', async () => {
      const g = golden('mnist_cnn');
      const cells = notebookCells();
      await wb.openFile(NOTEBOOK_NAME);
      const problems: string[] = [];
      for (const [index, cell] of cells.entries()) {
        if (cell.kind !== 'code') continue;
        const editor = wb.notebookCellEditor(index);
        await editor.waitFor({ state: 'attached', timeout: 20_000 });
        const expected = g.hints.filter((h) => cell.sourceLines.includes(h.line));
        assert.ok(expected.length > 0, `no golden hint falls in cell ${index + 1}`);
        const lineOf = (h: GoldenHint): number => cell.sourceLines.indexOf(h.line) + 1;
        const lines = await wb.waitForLines((ls) => missingHints(expected, ls, lineOf).length === 0, editor);
        const missing = missingHints(expected, lines, lineOf);
        if (missing.length > 0) problems.push(`cell ${index + 1} lacks ${missing.join('; ')}\n${describeLines(lines)}`);
      }
      await page.mouse.move(800, 400);
      await page.mouse.wheel(0, 200);
      await page.mouse.move(150, 500); // off the cells: no scrollbars or toolbars in the picture
      await page.waitForTimeout(400);
      await wb.screenshot(path.join(screenshotDir, 'screenshot-notebook.png'));
      assert.deepEqual(problems, []);
    }));

  test('"Show model summary" opens the summary beside the editor', () =>
    step('summary', async () => {
      const g = golden('mnist_cnn');
      const model = g.models[0];
      await wb.openFile('mnist_cnn.py');
      await wb.clickWord(model.line, 'model');
      await wb.runCommand('Tensor Shape Hints: Show model summary');
      const tab = page.locator('.tab[aria-label^="Model summary: mnist_cnn.py"]');
      await tab.waitFor({ state: 'visible', timeout: 15_000 });
      const body = page.frameLocator('iframe.webview.ready[src*="extensionId=tensor-shape-hints"]').frameLocator('#active-frame').locator('body');
      await body.locator('text=Total params').first().waitFor({ timeout: 15_000 });
      assert.match(await body.innerText(), new RegExp(`Total params: ${model.params.toLocaleString('en-US')}`));
      await tab.locator('.codicon-close').click();
      await tab.waitFor({ state: 'detached' });
    }));

  test('the hover\'s "Run sample forward pass" link runs the model and shows the result', () =>
    step('forwardpass', async () => {
      const g = golden('mnist_cnn');
      const model = g.models[0];
      const out = g.hints.find((h) => h.line === model.line)!;
      await wb.openFile('mnist_cnn.py');
      const hover = await wb.hover(model.line, 'model');
      await hover.locator('a', { hasText: 'Run sample forward pass' }).click();
      const tab = page.locator('.tab[aria-label^="Forward pass: mnist_cnn.py"]');
      await tab.waitFor({ state: 'visible', timeout: 60_000 });
      const body = page.frameLocator('iframe.webview.ready[src*="extensionId=tensor-shape-hints"]').frameLocator('#active-frame').locator('body');
      await body.locator(`text=${model.type}`).first().waitFor({ timeout: 15_000 });
      const text = await body.innerText();
      // A real run (ONNX Runtime on a seeded input): the shape PyTorch gives `out`, and numbers.
      assert.match(text, new RegExp(`Output:\\s*${escapeRegExp(shapeText(out.shapes[0]))}`), text);
      assert.doesNotMatch(text, /failed|unavailable|could not/i, text);
      assert.match(text, /mean -?\d/, `no output statistics, so nothing ran:\n${text}`);
      await wb.dismissHover();
      await wb.runCommand('View: Toggle Primary Side Bar Visibility'); // room for the result's table
      await page.waitForTimeout(300);
      await wb.screenshot(path.join(screenshotDir, 'screenshot-forward-pass.png'));
      await wb.runCommand('View: Toggle Primary Side Bar Visibility');
      await tab.locator('.codicon-close').click();
      await tab.waitFor({ state: 'detached' });
    }));

  test('TypeScript (TF.js): hints, tfjs\'s error squiggled at predict, its quick fix, the summary hover and a forward pass', () =>
    step('tfjs', async () => {
      const g = fixtureGolden('tfjs', 'predict_shape_error');
      assert.ok(g.error, 'the golden records no error');
      await wb.openFile('predict_shape_error.ts');
      // VS Code's own TypeScript service squiggles the import too (no node_modules in the workspace).
      const squiggledAt = (ls: RenderedLine[], line: number): boolean => ls.some((l) => l.line === line && l.squiggles.includes('error'));
      const lines = await wb.waitForLines((ls) => squiggledAt(ls, g.error!.line) && missingHints(g.hints, ls).length === 0);
      assert.ok(squiggledAt(lines, g.error.line), describeLines(lines));
      assert.deepEqual(missingHints(g.hints, lines), [], describeLines(lines));
      const rows = await wb.problems((r) => r.some((row) => row.includes(g.error!.message)));
      assert.ok(rows.some((row) => row.includes(g.error!.message)), `Problems panel:\n${rows.join('\n')}`);
      await wb.closePanel();

      // The model's hover at the predict that worked: tfjs' summary table, then a real pass.
      const ok = g.hints.find((h) => h.name === 'ok')!;
      const hover = await wb.hover(ok.line, 'model');
      assert.match(await hover.innerText(), /Total params: \d+/);
      await hover.locator('a', { hasText: 'Run sample forward pass' }).click();
      const tab = page.locator('.tab[aria-label^="Forward pass: predict_shape_error.ts"]');
      await tab.waitFor({ state: 'visible', timeout: 60_000 });
      const body = page.frameLocator('iframe.webview.ready[src*="extensionId=tensor-shape-hints"]').frameLocator('#active-frame').locator('body');
      await body.locator('text=Dense').first().waitFor({ timeout: 15_000 });
      const text = await body.innerText();
      assert.match(text, new RegExp(`Output:\\s*${escapeRegExp(shapeText(ok.shapes[0]))}`), text);
      assert.match(text, /mean -?\d/, `no output statistics, so nothing ran:\n${text}`);
      await wb.dismissHover();
      await tab.locator('.codicon-close').click();
      await tab.waitFor({ state: 'detached' });

      // The quick fix: the data's width ("got array with shape [32,100]") as the first layer's inputShape.
      const [, layer, width] = /expected (\w+)_input .* got array with shape \[\d+,(\d+)\]/.exec(g.error.message)!;
      // The quick fix menu from the keyboard (Ctrl+.) at the squiggle; VS Code can answer "No code
      // actions available" while a re-analysis is on its way, so the menu is asked again then.
      const menu = page.locator('.action-widget .monaco-list-row.action').first();
      for (let attempt = 0; ; attempt++) {
        await wb.clickWord(g.error.line, 'features');
        await page.keyboard.press('Control+.');
        try {
          await menu.waitFor({ state: 'visible', timeout: 4_000 });
          break;
        } catch (error) {
          if (attempt === 3) throw error;
          await page.keyboard.press('Escape');
          await page.waitForTimeout(1_000);
        }
      }
      await wb.chooseCodeAction(`Set inputShape of ${layer} to [${width}]`);
      // The error at that predict is gone (the fixture's other predict, of 784-wide data, now fails instead).
      const fixed = await wb.waitForLines((ls) => !squiggledAt(ls, g.error!.line) && ls.some((l) => l.text.includes(`inputShape: [${width}]`)));
      assert.ok(!squiggledAt(fixed, g.error.line) && fixed.some((l) => l.text.includes(`inputShape: [${width}]`)), describeLines(fixed));
      await wb.runCommand('File: Revert File');
    }));

  test('Julia (Flux): WHCN hints, Flux\'s DimensionMismatch squiggled at the call, the model\'s hover', () =>
    step('flux', async () => {
      const g = fixtureGolden('flux', 'dense_mismatch');
      assert.ok(g.error, 'the golden records no error');
      await wb.openFile('dense_mismatch.jl');
      // The cursor on a line of its own: VS Code shortens a hint it considers being typed next to ('x…').
      // A widget left open by the previous step would take the click: close it first. Then the
      // cursor goes to the top by keyboard too (VS Code restores where an earlier visit left it).
      await wb.dismissHover();
      await wb.clickWord(3, 'using');
      await page.keyboard.press('Control+Home');
      const ready = (ls: Awaited<ReturnType<typeof wb.lines>>): boolean => ls.some((l) => l.squiggles.includes('error')) && missingHints(g.hints, ls, undefined, tupleHintText).length === 0;
      let lines = await wb.waitForLines(ready, undefined, 15_000);
      if (!ready(lines)) {
        await wb.dismissHover();
        await wb.clickWord(3, 'using');
        await page.keyboard.press('Control+Home');
        lines = await wb.waitForLines(ready);
      }
      assert.deepEqual(lines.filter((l) => l.squiggles.includes('error')).map((l) => l.line), [g.error.line], describeLines(lines));
      // VS Code sometimes draws a hint here shortened to '…' whatever the cursor does; such a hint
      // must then say its shape in the hover of its name (the same text, from the same analysis).
      const shortened: string[] = [];
      for (const h of g.hints) {
        const line = lines.find((l) => l.line === h.line);
        if (missingHints([h], lines, undefined, tupleHintText).length === 0 || !line?.hints.some((x) => x.label === '…')) continue;
        const hover = await wb.hover(h.line, h.name);
        const shape = tupleHintText(h).replace(/^: /, '');
        const text = await hover.innerText();
        if (!text.includes(shape) && !h.shapes.some((sh) => text.includes(sh.join('×')))) shortened.push(`line ${h.line}: ${h.name} ${shape} neither drawn nor in its hover`);
        await wb.dismissHover();
      }
      assert.deepEqual(shortened, [], describeLines(lines));
      assert.deepEqual(missingHints(g.hints.filter((h) => !lines.find((l) => l.line === h.line)?.hints.some((x) => x.label === '…')), lines, undefined, tupleHintText), [], describeLines(lines));
      const model = g.models[g.models.length - 1];
      const hover = await wb.hover(model.line, 'model');
      // Flux's own count, `_`-separated: `# Total: 4 arrays, 1_090 parameters`.
      assert.ok((await hover.innerText()).includes(`${model.params.toLocaleString('en-US').replace(/,/g, '_')} parameters`), await hover.innerText());
      await wb.screenshot(path.join(screenshotDir, 'screenshot-flux.png'));
      await wb.dismissHover();
    }));

  test('changing shapeHints.inlayHints.position moves the hints to the ends of the lines', () =>
    step('setting', async () => {
      const expected = golden('mnist_cnn').hints;
      const atLineEnd = (lines: RenderedLine[]): string[] =>
        expected
          .filter((h) => {
            const line = lines.find((l) => l.line === h.line);
            // One hint per line at its end, `x: [64, 9216]`, several names joined by ', '.
            const label = new RegExp(`(^|, )${escapeRegExp(`${h.name}${hintText(h)}`)}(, |$)`);
            return !line?.hints.some((shown) => label.test(shown.label.trim()) && shown.before.trimEnd() === line.text.trimEnd());
          })
          .map((h) => `line ${h.line}: ${h.name}${hintText(h)}`);
      await wb.openFile('mnist_cnn.py');
      await wb.setEnumSetting('shapeHints.inlayHints.position', 'endOfLine');
      try {
        await wb.openFile('mnist_cnn.py');
        const lines = await wb.waitForLines((ls) => atLineEnd(ls).length === 0);
        assert.deepEqual(atLineEnd(lines), [], describeLines(lines));
        await wb.screenshot(path.join(screenshotDir, 'screenshot-end-of-line.png'));
      } finally {
        await wb.setEnumSetting('shapeHints.inlayHints.position', 'afterName');
        await wb.openFile('mnist_cnn.py');
      }
      const lines = await wb.waitForLines((ls) => missingHints(expected, ls).length === 0);
      assert.deepEqual(missingHints(expected, lines), [], `after restoring the setting:\n${describeLines(lines)}`);
    }));

  test('"Restart server" restarts it and the features come back', () =>
    step('restart', async () => {
      const g = golden('mnist_cnn');
      const out = g.hints.find((h) => h.name === 'out')!;
      await wb.openFile('mnist_cnn.py');
      const before = serverPids();
      assert.equal(before.length, 1, `expected one language server process, found ${before.length}`);
      await wb.runCommand('Tensor Shape Hints: Restart server');
      await waitFor(() => serverPids().length === 1 && serverPids()[0] !== before[0], 20_000, 'a new language server process');
      const hover = await wb.hover(out.line, 'out');
      assert.match(await hover.innerText(), new RegExp(`out${escapeRegExp(hintText(out))}`));
      await wb.dismissHover();
    }));

  test('a language server that dies is restarted and says so in the output channel', () =>
    step('crash', async () => {
      const g = golden('mnist_cnn');
      const out = g.hints.find((h) => h.name === 'out')!;
      const [pid] = serverPids();
      assert.ok(pid, 'no language server process');
      process.kill(pid, 'SIGKILL');
      await waitFor(() => serverPids().length === 1 && serverPids()[0] !== pid, 20_000, 'the language server to be restarted');
      // The output channel's text (VS Code keeps it in a log file; the panel scrolls past it).
      const channel = findFiles(path.join(sandbox.userData, 'logs'), /Tensor Shape Hints\.log$/);
      await waitFor(() => channel().some((f) => /The shape server stopped unexpectedly \(crash 1\); restarting it/.test(fs.readFileSync(f, 'utf8'))), 10_000, 'the restart to be logged');
      const hover = await wb.hover(out.line, 'out');
      assert.match(await hover.innerText(), new RegExp(`out${escapeRegExp(hintText(out))}`));
      await wb.dismissHover();
    }));

  test('a server that keeps dying is given up on: the status bar says so, and clicking it restarts the server', () =>
    step('gaveup', async () => {
      const g = golden('mnist_cnn');
      const out = g.hints.find((h) => h.name === 'out')!;
      // Kill each new server until the client stops restarting it (the library allows 4 restarts in 3 minutes).
      for (let kills = 0; kills < 8; kills++) {
        const [pid] = serverPids();
        if (!pid) break;
        process.kill(pid, 'SIGKILL');
        try {
          await waitFor(() => serverPids().some((p) => p !== pid), 5_000, 'a restarted server');
        } catch {
          break; // given up
        }
      }
      assert.deepEqual(serverPids(), [], 'the client kept restarting the server');
      const item = page.locator('.statusbar-item', { hasText: 'Shapes' });
      await item.waitFor({ state: 'visible', timeout: 10_000 });
      assert.match((await item.getAttribute('aria-label')) ?? '', /stopped/);
      await wb.screenshot(path.join(repoRoot, '.cache', 'e2e', 'statusbar-stopped.png'));
      await page.keyboard.press('Escape'); // the library's "crashed 5 times" notification
      await item.locator('a').first().click();
      await waitFor(() => serverPids().length === 1, 20_000, 'the server to start again');
      await item.waitFor({ state: 'hidden', timeout: 10_000 });
      const hover = await wb.hover(out.line, 'out');
      assert.match(await hover.innerText(), new RegExp(`out${escapeRegExp(hintText(out))}`));
      await wb.dismissHover();
    }));

  /** The language server processes of this run: node running dist/server.js from our extensions dir. */
  function serverPids(): number[] {
    const pids: number[] = [];
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let cmdline = '';
      try {
        cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      } catch {
        continue; // gone
      }
      if (cmdline.includes(sandbox.extensions) && cmdline.includes('dist/server.js')) pids.push(Number(entry));
    }
    return pids;
  }

  async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await page.waitForTimeout(200);
    }
  }
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A function listing the files under `dir` matching `pattern` (they appear while VS Code runs). */
function findFiles(dir: string, pattern: RegExp): () => string[] {
  const walk = (d: string): string[] =>
    fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : pattern.test(e.name) ? [path.join(d, e.name)] : [])) : [];
  return () => walk(dir);
}
