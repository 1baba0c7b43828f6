// What a person sees and does in the VS Code workbench, through playwright-core in Debian's Chromium:
// open a file from the explorer, read an editor's lines with their inlay hints and squiggles, hover
// a word, run a command, read the Problems panel. Selectors are VS Code 1.100's DOM.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** The DOM as the page functions below use it (the project's tsconfig has no DOM lib). */
interface DomNode {
  textContent: string | null;
}
interface DomElement extends DomNode {
  className: string;
  style: { top: string };
  parentElement: DomElement | null;
  firstChild: DomNode | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>;
}
declare const document: {
  createRange(): { setStart(node: DomNode, offset: number): void; setEnd(node: DomNode, offset: number): void; getBoundingClientRect(): { x: number; y: number; width: number; height: number } };
};

const CHROMIUM_CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export async function launchBrowser(profileDir: string, viewport = { width: 1280, height: 800 }): Promise<BrowserContext> {
  const executablePath = process.env.CHROMIUM_PATH ?? CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p));
  if (!executablePath) throw new Error('Chromium not found: install Debian\'s chromium (.ci/e2e.sh does) or set CHROMIUM_PATH');
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    viewport,
    deviceScaleFactor: 1,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // tsx (esbuild keepNames) wraps named functions in __name(...); functions sent to the page by
  // evaluate() carry that call, so the page needs the helper too.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  return context;
}

/** One editor line as rendered: its text without hints, and the hints with the text just before each. */
export interface RenderedLine {
  line: number;
  text: string;
  hints: { label: string; before: string }[];
  squiggles: ('error' | 'warning' | 'info')[];
}

export class Workbench {
  constructor(readonly page: Page) {}

  static async open(page: Page, url: string, folder: string): Promise<Workbench> {
    await page.goto(`${url}?folder=${encodeURIComponent(folder)}`);
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    return new Workbench(page);
  }

  /** Clicks the file's row in the explorer and waits for its editor tab to be active. */
  async openFile(name: string): Promise<void> {
    await this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`).click();
    await this.page.locator(`.editor-group-container.active .tab.active[aria-label^="${name}"]`).waitFor({ timeout: 20_000 });
    if (name.endsWith('.ipynb')) {
      // Opened before the ipynb extension registered its serializer, a notebook shows as JSON.
      const notebook = this.page.locator('.notebookOverlay.notebook-editor .cell-list-container').first();
      await notebook.waitFor({ state: 'visible', timeout: 15_000 }).catch(() => {
        throw new Error(`${name} did not open in the notebook editor`);
      });
    }
  }

  /** The active group's text editor. */
  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .editor-instance > .monaco-editor[data-uri]').first();
  }

  /**
   * The editor of the notebook cell at `index` (0-based, markdown cells counted). Notebooks are
   * drawn in an overlay above the editor group, one list row per cell.
   */
  notebookCellEditor(index: number): Locator {
    return this.page.locator(`.notebookOverlay.notebook-editor .monaco-list-row.code-cell-row[data-index="${index}"] .cell-editor-container .monaco-editor`).first();
  }

  /**
   * The lines of an editor as drawn. Line numbers come from the gutter when it has them; notebook
   * cells have none, so there they are the order of the lines (cells are short and unscrolled).
   */
  async lines(editor: Locator = this.activeEditor()): Promise<RenderedLine[]> {
    return editor.evaluate((root: DomElement) => {
      const topOf = (el: DomElement): number => Math.round(parseFloat(el.style.top || 'NaN'));
      const numbers = new Map<number, number>();
      for (const el of root.querySelectorAll('.margin-view-overlays .line-numbers')) {
        const row = el.parentElement;
        const n = Number(el.textContent?.trim());
        if (row && Number.isFinite(n) && n > 0) numbers.set(topOf(row), n);
      }
      const squiggles = new Map<number, string[]>();
      for (const el of root.querySelectorAll('.view-overlays > div')) {
        const kinds = [...el.querySelectorAll('[class*="squiggly-"]')].map((s) => /squiggly-(error|warning|info)/.exec(s.className)?.[1]).filter((k): k is string => !!k);
        if (kinds.length > 0) squiggles.set(topOf(el), kinds);
      }
      const views = [...root.querySelectorAll('.view-lines > .view-line')].sort((a, b) => topOf(a) - topOf(b));
      return views.map((view, i) => {
        let text = '';
        const hints: { label: string; before: string }[] = [];
        // Inlay hints are injected text drawn with a dynamic CSS rule (class dyn-rule-*).
        for (const span of view.querySelectorAll(':scope > span > span')) {
          const piece = (span.textContent ?? '').replace(/\u00a0/g, ' ');
          if (/\bdyn-rule-/.test(span.className)) hints.push({ label: piece, before: text });
          else text += piece;
        }
        const top = topOf(view);
        return { line: numbers.get(top) ?? i + 1, text, hints, squiggles: (squiggles.get(top) ?? []) as RenderedLine['squiggles'] };
      });
    });
  }

  /** Waits until `check` holds for the editor's lines; returns them. */
  async waitForLines(check: (lines: RenderedLine[]) => boolean, editor: Locator = this.activeEditor(), timeoutMs = 30_000): Promise<RenderedLine[]> {
    const deadline = Date.now() + timeoutMs;
    let lines = await this.lines(editor);
    while (!check(lines)) {
      if (Date.now() > deadline) return lines;
      await this.page.waitForTimeout(250);
      lines = await this.lines(editor);
    }
    return lines;
  }

  /** The screen box of the `occurrence`-th `word` in a line's code (hints skipped). */
  async wordBox(line: number, word: string, editor: Locator = this.activeEditor(), occurrence = 0): Promise<{ x: number; y: number; width: number; height: number }> {
    const rendered = await this.lines(editor);
    const index = rendered.findIndex((l) => l.line === line);
    if (index < 0) throw new Error(`line ${line} is not on screen`);
    const box = await editor.evaluate(
      (root: DomElement, { index, word, occurrence }) => {
        const topOf = (el: DomElement): number => parseFloat(el.style.top || 'NaN');
        const view = [...root.querySelectorAll('.view-lines > .view-line')].sort((a, b) => topOf(a) - topOf(b))[index];
        const pattern = new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g');
        let seen = 0;
        for (const span of view.querySelectorAll(':scope > span > span')) {
          if (/\bdyn-rule-/.test(span.className)) continue;
          const node = span.firstChild;
          const text = (node?.textContent ?? '').replace(/\u00a0/g, ' ');
          for (const m of text.matchAll(pattern)) {
            if (seen++ < occurrence || !node) continue;
            const range = document.createRange();
            range.setStart(node, m.index!);
            range.setEnd(node, m.index! + word.length);
            const r = range.getBoundingClientRect();
            return { x: r.x, y: r.y, width: r.width, height: r.height };
          }
        }
        return null;
      },
      { index, word, occurrence },
    );
    if (!box) throw new Error(`'${word}' not found on line ${line}`);
    return box;
  }

  /** Moves the mouse onto a word and waits for the hover widget; returns it. */
  async hover(line: number, word: string, editor: Locator = this.activeEditor()): Promise<Locator> {
    const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents').first();
    for (let attempt = 0; attempt < 3; attempt++) {
      const box = await this.wordBox(line, word, editor);
      await this.page.mouse.move(box.x + box.width / 2, box.y + 60); // off the word first: a fresh hover
      await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
      try {
        await hover.waitFor({ state: 'visible', timeout: 5_000 });
        return this.page.locator('.monaco-hover:not(.hidden)').first();
      } catch {
        // the hover can be dismissed by a re-render; move again
      }
    }
    throw new Error(`no hover over '${word}' on line ${line}`);
  }

  async clickWord(line: number, word: string, editor: Locator = this.activeEditor()): Promise<void> {
    const box = await this.wordBox(line, word, editor);
    await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  }

  async dismissHover(): Promise<void> {
    await this.page.mouse.move(5, 400);
    await this.page.keyboard.press('Escape');
  }

  /** Runs a command from the command palette by its title. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await row.click();
  }

  /** Sets an enum setting in the Settings editor (User tab), as a person would, and closes it. */
  async setEnumSetting(key: string, value: string): Promise<void> {
    await this.runCommand('Preferences: Open User Settings');
    const search = this.page.locator('.settings-editor .search-container textarea').first();
    await search.waitFor();
    await search.fill(key);
    const select = this.page.locator(`.settings-editor .setting-item-contents[data-key="${key}"] select`);
    await select.waitFor({ state: 'visible', timeout: 10_000 });
    await select.selectOption(value);
    // The settings editor writes the file after a short debounce; closing the editor flushes it.
    await this.page.waitForTimeout(500);
    await this.page.locator('.editor-group-container.active .tab.active .codicon-close').click();
  }

  /** Shows the Problems panel and returns its rows' text (waits for `expectRows` rows if given). */
  async problems(expectRows?: (rows: string[]) => boolean, timeoutMs = 15_000): Promise<string[]> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible' });
    // A row's text shows source and code (`shape-hints(linear-in-features)`), its label the rest.
    const read = (): Promise<string[]> =>
      panel.locator('.monaco-list-row').evaluateAll((rows: DomElement[]) => rows.map((r) => `${r.getAttribute('aria-label') ?? ''}\n${r.textContent ?? ''}`.trim()));
    const deadline = Date.now() + timeoutMs;
    let rows = await read();
    while (expectRows && !expectRows(rows) && Date.now() < deadline) {
      await this.page.waitForTimeout(250);
      rows = await read();
    }
    return rows;
  }

  /**
   * Picks an entry of the open code action menu (light bulb or Ctrl+.) with the keyboard, as the
   * menu's pointer shield swallows synthetic clicks on its rows.
   */
  async chooseCodeAction(title: string): Promise<void> {
    const focused = this.page.locator('.action-widget .monaco-list-row.action.focused');
    for (let i = 0; i < 20; i++) {
      if ((await focused.getAttribute('aria-label')) === title) {
        await this.page.keyboard.press('Enter');
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`no code action '${title}' in the menu`);
  }

  /** Closes menus, hovers and the panel: a clean slate after a failed step. */
  async reset(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Escape');
    await this.closePanel().catch(() => undefined);
  }

  async closePanel(): Promise<void> {
    if (await this.page.locator('.part.panel').isVisible()) await this.runCommand('View: Hide Panel');
  }

  async screenshot(file: string): Promise<void> {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file });
  }
}
