import { describe, expect, it } from 'vitest';
import { collapsibleBeside, moveBoundary, toggleCollapsed, type PaneLimits } from './splitSizes';

// The app's editor column: editor (min 20), problems (min 8, collapsible).
const editorAndProblems: PaneLimits[] = [{ min: 20 }, { min: 8, collapsible: true }];
// Files (min 8, collapsible), editor (min 25), form (min 15, collapsible).
const row: PaneLimits[] = [{ min: 8, collapsible: true }, { min: 25 }, { min: 15, collapsible: true }];

describe('moveBoundary', () => {
  it('moves the boundary between the two panes beside it and keeps their sum', () => {
    expect(moveBoundary([72, 28], editorAndProblems, 0, -5)).toEqual([67, 33]);
    expect(moveBoundary([72, 28], editorAndProblems, 0, 5)).toEqual([77, 23]);
    expect(moveBoundary([16, 48, 36], row, 1, 10)).toEqual([16, 58, 26]);
  });

  it('stops a pane that cannot close at its minimum', () => {
    expect(moveBoundary([72, 28], editorAndProblems, 0, -70)).toEqual([20, 80]);
    expect(moveBoundary([16, 48, 36], row, 0, 40)).toEqual([39, 25, 36]);
  });

  it('stops a collapsible pane at its minimum until pushed below half of it, then closes it', () => {
    // Problems is 8 at the least; asked for 5 (more than half of 8) it stays at 8.
    expect(moveBoundary([72, 28], editorAndProblems, 0, 23)).toEqual([92, 8]);
    // Asked for 3 (less than half of 8) it closes, and the editor takes the whole column.
    expect(moveBoundary([72, 28], editorAndProblems, 0, 25)).toEqual([100, 0]);
    // The files pane before the boundary closes the same way.
    expect(moveBoundary([16, 48, 36], row, 0, -13)).toEqual([0, 64, 36]);
    expect(moveBoundary([16, 48, 36], row, 0, -10)).toEqual([8, 56, 36]);
  });

  it('opens a closed pane at its minimum once pulled past half of it', () => {
    expect(moveBoundary([100, 0], editorAndProblems, 0, -3)).toEqual([100, 0]);
    expect(moveBoundary([100, 0], editorAndProblems, 0, -5)).toEqual([92, 8]);
    expect(moveBoundary([100, 0], editorAndProblems, 0, -30)).toEqual([70, 30]);
  });

  it('never makes a size negative or the pair larger than it was', () => {
    for (let delta = -120; delta <= 120; delta += 7) {
      const next = moveBoundary([16, 48, 36], row, 1, delta);
      expect(next[0]).toBe(16);
      expect(next[1] + next[2]).toBeCloseTo(84, 6);
      expect(next[1]).toBeGreaterThanOrEqual(25);
      expect(next[2] === 0 || next[2] >= 15).toBe(true);
    }
  });
});

describe('toggleCollapsed', () => {
  it('closes a pane, giving its size to its neighbour, and opens it again at the size it had', () => {
    const closed = toggleCollapsed([72, 28], editorAndProblems, 1, 0, 28);
    expect(closed).toEqual([100, 0]);
    expect(toggleCollapsed(closed, editorAndProblems, 1, 0, 28)).toEqual([72, 28]);
  });

  it('opens at least at the minimum, and no further than the neighbour can give', () => {
    expect(toggleCollapsed([100, 0], editorAndProblems, 1, 0, 2)).toEqual([92, 8]);
    expect(toggleCollapsed([100, 0], editorAndProblems, 1, 0, 95)).toEqual([20, 80]);
    expect(toggleCollapsed([0, 25, 75], row, 0, 1, 16)).toEqual([0, 25, 75]);
  });
});

describe('collapsibleBeside', () => {
  it('picks the collapsible pane before the separator first, else the one after, else none', () => {
    expect(collapsibleBeside(row, 0)).toEqual({ pane: 0, neighbour: 1 });
    expect(collapsibleBeside(row, 1)).toEqual({ pane: 2, neighbour: 1 });
    expect(collapsibleBeside(editorAndProblems, 0)).toEqual({ pane: 1, neighbour: 0 });
    expect(collapsibleBeside([{ min: 10 }, { min: 10 }], 0)).toBeUndefined();
  });
});
