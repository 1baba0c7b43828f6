// The folder the end-to-end test (and `npm run try`) opens: a copy of examples/ plus a Jupyter
// notebook made from examples/mnist_cnn.py (the model in one cell, the call in another), so the
// notebook's expected shapes are the example's, traced under real PyTorch in the oracle goldens;
// and a TF.js and a Flux fixture, whose goldens come from real tfjs and the PyTorch twin.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './codeServer';

export const NOTEBOOK_NAME = 'mnist_cnn.ipynb';
/** Fixtures copied beside the examples: repository path -> name in the workspace. */
export const OTHER_LANGUAGES = { tfjs: 'test/fixtures/tfjs/predict_shape_error.ts', flux: 'test/fixtures/flux/dense_mismatch.jl' } as const;
export const NOTEBOOK_SOURCE = 'mnist_cnn.py';

export interface NotebookCellSource {
  kind: 'code' | 'markdown';
  /** 1-based line in the source example of each line of the cell (0 for added lines). */
  sourceLines: number[];
  text: string;
}

/** Copies examples/*.py into `dir` and adds the notebook; returns `dir`. */
export function prepareWorkspace(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const examples = path.join(repoRoot, 'examples');
  for (const name of fs.readdirSync(examples).filter((n) => n.endsWith('.py')).sort()) {
    fs.copyFileSync(path.join(examples, name), path.join(dir, name));
  }
  fs.writeFileSync(path.join(dir, NOTEBOOK_NAME), notebookJson(notebookCells()));
  for (const file of Object.values(OTHER_LANGUAGES)) fs.copyFileSync(path.join(repoRoot, file), path.join(dir, path.basename(file)));
  return dir;
}

/**
 * examples/mnist_cnn.py split at its `if __name__ == "__main__":` block: cell 1 is everything
 * above it (imports and the model), a markdown cell, then the block's body, dedented.
 */
export function notebookCells(): NotebookCellSource[] {
  const lines = fs.readFileSync(path.join(repoRoot, 'examples', NOTEBOOK_SOURCE), 'utf8').replace(/\n$/, '').split('\n');
  const main = lines.findIndex((l) => l.startsWith('if __name__'));
  if (main < 0) throw new Error(`examples/${NOTEBOOK_SOURCE} has no __main__ block to turn into a cell`);
  let end = main;
  while (end > 0 && lines[end - 1].trim() === '') end--;
  const model = lines.slice(0, end);
  const call = lines.slice(main + 1).filter((l) => l.trim() !== '');
  const indent = Math.min(...call.map((l) => l.length - l.trimStart().length));
  return [
    { kind: 'code', sourceLines: model.map((_, i) => i + 1), text: model.join('\n') },
    { kind: 'markdown', sourceLines: [0], text: 'Run the model on a batch of MNIST-sized images:' },
    {
      kind: 'code',
      sourceLines: lines.map((l, i) => (i > main && l.trim() !== '' ? i + 1 : -1)).filter((n) => n > 0),
      text: call.map((l) => l.slice(indent)).join('\n'),
    },
  ];
}

function notebookJson(cells: NotebookCellSource[]): string {
  const source = (text: string): string[] => text.split('\n').map((l, i, all) => (i < all.length - 1 ? `${l}\n` : l));
  return `${JSON.stringify(
    {
      cells: cells.map((c) =>
        c.kind === 'code'
          ? { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: source(c.text) }
          : { cell_type: 'markdown', metadata: {}, source: source(c.text) },
      ),
      metadata: {
        kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
        language_info: { name: 'python' },
      },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  )}\n`;
}
