/**
 * The patch to Monaco in patches/ (applied by `npm ci`): a folding request cancelled while our
 * provider (assist.ts) answers does not run the indentation fallback, a pass over every line on
 * the main thread (20–60 ms at 50,000 lines) whose result Monaco then throws away.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- Monaco's internal modules are published without types.
import { CancellationTokenSource as Source } from 'monaco-editor/base/common/cancellation.js';
// @ts-expect-error -- as above.
import { SyntaxRangeProvider as Provider } from 'monaco-editor/editor/contrib/folding/browser/syntaxRangeProvider.js';

interface Token {
  isCancellationRequested: boolean;
}
interface Regions {
  getStartLineNumber(i: number): number;
  getEndLineNumber(i: number): number;
}
const CancellationTokenSource = Source as new () => { token: Token; cancel(): void };
const SyntaxRangeProvider = Provider as new (model: object, providers: object[], onChange: () => void, limit: object, fallback: object) => { compute(token: Token): Promise<Regions | null> };

/** A text model of `lines` lines, as much of one as the provider reads. */
const model = (lines: number) => ({ isDisposed: () => false, getLineCount: () => lines });
const limit = { limit: 5000, update() {} };

function setUp(answer: () => Promise<{ start: number; end: number }[] | null>) {
  const fallback = { calls: 0, compute: async () => (fallback.calls++, null), dispose() {} };
  const provider = new SyntaxRangeProvider(model(10), [{ provideFoldingRanges: answer }], () => {}, limit, fallback);
  return { provider, fallback };
}

describe("Monaco's folding with our provider", () => {
  it('uses our ranges, and the indentation fallback only when no provider answers', async () => {
    const ours = setUp(async () => [{ start: 1, end: 4 }]);
    const ranges = await ours.provider.compute(new CancellationTokenSource().token);
    expect([ranges?.getStartLineNumber(0), ranges?.getEndLineNumber(0)]).toEqual([1, 4]);
    expect(ours.fallback.calls).toBe(0);
    const none = setUp(async () => null);
    await none.provider.compute(new CancellationTokenSource().token);
    expect(none.fallback.calls).toBe(1);
  });

  it('does not run the fallback for a request cancelled while our provider answered (the text changed)', async () => {
    const source = new CancellationTokenSource();
    const { provider, fallback } = setUp(async () => {
      source.cancel();
      return [{ start: 1, end: 4 }];
    });
    expect(await provider.compute(source.token)).toBeNull();
    expect(fallback.calls).toBe(0);
  });
});
