// Cancellation and staleness: a $/cancelRequest is answered with RequestCancelled or a result,
// never a crash; a request right after an edit answers for the edited text without waiting for
// the debounce.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource, HoverRequest, InlayHintRequest, LSPErrorCodes, ResponseError, type Range } from 'vscode-languageserver-protocol';
import { syntheticModelFile } from '../bench/syntheticModel';
import { engineReport } from './support/expectations';
import { LspTestClient, WHOLE_FILE } from './support/lspClient';
import { applyEdits, rangeOfText } from './support/textEdits';

let client: LspTestClient;
const uri = 'untitled:big_model.py';
/** The text as the server has it. */
let text = syntheticModelFile(2000);

before(async () => {
  client = await LspTestClient.start();
  await client.open(uri, text);
});

after(async () => {
  await client.stop();
});

async function edit(range: Range, newText: string): Promise<void> {
  text = applyEdits(text, [{ range, newText }]);
  await client.change(uri, [{ range, text: newText }]);
}

/** The range of the batch size in `out<i> = model<i>(torch.randn(<batch>, ...`. */
function batchOf(i: number): Range {
  const call = rangeOfText(text, `out${i} = model${i}(torch.randn(`);
  const digits = /^\d+/.exec(text.split('\n')[call.end.line].slice(call.end.character))![0];
  return { start: call.end, end: { line: call.end.line, character: call.end.character + digits.length } };
}

async function cancelledOrAnswered(run: (token: CancellationTokenSource['token']) => Promise<unknown>, cancelAfterMs: number): Promise<'cancelled' | 'answered'> {
  const source = new CancellationTokenSource();
  const pending = run(source.token);
  if (cancelAfterMs === 0) source.cancel();
  else setTimeout(() => source.cancel(), cancelAfterMs);
  try {
    await pending;
    return 'answered';
  } catch (e) {
    assert.ok(e instanceof ResponseError, String(e));
    assert.equal(e.code, LSPErrorCodes.RequestCancelled);
    return 'cancelled';
  }
}

test('cancelled requests get RequestCancelled or a result, and the server goes on', async () => {
  const outcomes: string[] = [];
  const c = client.connection;
  for (let i = 0; i < 12; i++) {
    // An edit first, so the request has real work to do when the cancellation arrives.
    await edit(batchOf(0), String(2 + (i % 3)));
    const request = (token: CancellationTokenSource['token']): Promise<unknown> =>
      i % 2
        ? c.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 20, character: 9 } }, token)
        : c.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: WHOLE_FILE }, token);
    outcomes.push(await cancelledOrAnswered(request, i % 3));
  }
  assert.ok(outcomes.includes('cancelled'), outcomes.join());
  const hints = await client.inlayHints(uri);
  assert.ok(hints && hints.length > 0);
  assert.deepEqual(client.failures(), []);
});

test('a request right after an edit sees the edit (no debounce wait, no stale result)', async () => {
  for (const batch of [7, 5, 9]) {
    await edit(batchOf(0), String(batch));
    const hints = (await client.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } })) ?? [];
    const report = await engineReport(text);
    const want = report.hints.filter((h) => h.line <= 31).map((h) => `${h.line - 1} : ${h.label}`);
    assert.ok(want.some((w) => w.includes(`[${batch}, `)), 'the edited batch size shows');
    assert.deepEqual(hints.map((h) => `${h.position.line} ${h.label as string}`), want);
  }
});
