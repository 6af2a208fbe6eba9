/**
 * What every Monaco provider needs to ask the document service: an answer only for the exact
 * text the editor still has (a request the text outran is dropped), and offsets as ranges.
 */
import { monaco } from './monaco';

export function rangeOf(model: monaco.editor.ITextModel, [start, end]: [number, number]): monaco.Range {
  return monaco.Range.fromPositions(model.getPositionAt(start), model.getPositionAt(end));
}

/** Runs a service query for `model`; `none` when it fails or the text changed before it answered. */
export function askFor(model: monaco.editor.ITextModel) {
  return async <T>(run: () => Promise<T>, none: T): Promise<T> => {
    const version = model.getVersionId();
    try {
      const answer = await run();
      return model.isDisposed() || model.getVersionId() !== version ? none : answer;
    } catch {
      return none;
    }
  };
}
