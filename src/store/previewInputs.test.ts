import { describe, expect, it } from 'vitest';
import { NO_PREVIEW_INPUTS, type StepPreview } from '../core/contracts/preview';
import { foldPreview, OPEN_BY_DEFAULT, unitOpen, withActionPressed, withEnvValue, withFocus, withLaunch, withLaunchRow, withLaunchValue, withParameterValue, withStepReset, withUnitOpen } from './previewInputs';

const lr = { kind: 'text', text: '0.1' } as const;

describe('the preview inputs, one action at a time', () => {
  it('sets a typed value and takes it away again (back to the default); a reset clears the step', () => {
    const typed = withEnvValue(withParameterValue(NO_PREVIEW_INPUTS, 'train', 'lr', lr), 'train', 'SEED', '7');
    expect(typed).toEqual({ values: { train: { lr } }, env: { train: { SEED: '7' } } });
    expect(withParameterValue(typed, 'train', 'lr', undefined).values).toEqual({ train: {} });
    expect(withStepReset(typed, 'train')).toEqual({ values: {}, env: {} });
    // Nothing is changed in place.
    expect(NO_PREVIEW_INPUTS).toEqual({ values: {}, env: {} });
  });

  it('counts presses of an action', () => {
    const twice = withActionPressed(withActionPressed(NO_PREVIEW_INPUTS, 'sweep', 'resample'), 'sweep', 'resample');
    expect(twice.actions).toEqual({ sweep: { resample: 2 } });
  });

  it('returns the same inputs when an action changes nothing, so nothing is sent', () => {
    const focused = withFocus(NO_PREVIEW_INPUTS, [0, 'pipeline', 'nodes', 1]);
    expect(focused.focus).toEqual([0, 'pipeline', 'nodes', 1]);
    expect(withFocus(focused, [0, 'pipeline', 'nodes', 1])).toBe(focused);
    expect(withFocus(NO_PREVIEW_INPUTS, null)).toBe(NO_PREVIEW_INPUTS);
    expect(withFocus(focused, null)).toEqual(NO_PREVIEW_INPUTS);
    expect(withLaunchRow(NO_PREVIEW_INPUTS, 3)).toBe(NO_PREVIEW_INPUTS);
    expect(withLaunchValue(NO_PREVIEW_INPUTS, 'x', lr)).toBe(NO_PREVIEW_INPUTS);
    const chosen = withLaunch(NO_PREVIEW_INPUTS, 'task:sweep');
    expect(withLaunch(chosen, 'task:sweep')).toBe(chosen);
    const row = withLaunchRow(withLaunchValue(chosen, 'x', lr), 2);
    expect(row.launch).toEqual({ id: 'task:sweep', values: { x: lr }, row: 2 });
    expect(withLaunchRow(row, 2)).toBe(row);
    expect(withLaunch(row, undefined)).toEqual(NO_PREVIEW_INPUTS);
  });

  it('opens a dozen units or fewer, folds more, and keeps what the person opened or folded', () => {
    expect(unitOpen(NO_PREVIEW_INPUTS, 'train', OPEN_BY_DEFAULT)).toBe(true);
    expect(unitOpen(NO_PREVIEW_INPUTS, 'train', OPEN_BY_DEFAULT + 1)).toBe(false);
    const opened = withUnitOpen(NO_PREVIEW_INPUTS, 'train', true);
    expect(unitOpen(opened, 'train', 6250)).toBe(true);
    expect(unitOpen(opened, 'eval', 6250)).toBe(false);
    expect(unitOpen(withUnitOpen(opened, 'eval', false), 'eval', 3)).toBe(false);
    expect(withUnitOpen(opened, 'train', true)).toBe(opened);
    // Typing a value or resetting a step leaves it open.
    expect(unitOpen(withStepReset(withParameterValue(opened, 'train', 'lr', lr), 'train'), 'train', 6250)).toBe(true);
  });

  it('folds a unit to its name and path, and keeps an open one as it is', () => {
    const step = (name: string): StepPreview => ({ name, path: [0, 'step'], params: [], command: ['python train.py'], script: 'python train.py', pieces: [[]], warnings: [], errors: [], inputs: [], env: [] });
    const many = Array.from({ length: OPEN_BY_DEFAULT + 1 }, (_, i) => step(`s${i}`));
    const shown = foldPreview(many, withUnitOpen(NO_PREVIEW_INPUTS, 's3', true));
    expect(shown[3]).toBe(many[3]);
    expect(shown[0]).toEqual({ name: 's0', path: [0, 'step'], folded: true });
    expect(shown.filter((s) => 'folded' in s)).toHaveLength(OPEN_BY_DEFAULT);
    const few = many.slice(0, OPEN_BY_DEFAULT);
    expect(foldPreview(few, NO_PREVIEW_INPUTS)).toEqual(few);
  });
});
