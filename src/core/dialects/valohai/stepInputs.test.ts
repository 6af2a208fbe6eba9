import { describe, expect, it } from 'vitest';
import { analyze } from '../../lint';
import { applyTextEdits } from '../../document/textEdits';
import { valohai } from './index';
import { INPUT_SOURCES, sourceProblem } from './inputSources';

/** This file's findings (other rules see the same texts). */
const lint = (text: string) => analyze(text, valohai).diagnostics.filter((d) => d.code === 'input-source' || d.code === 'secret-in-file');
function findings(text: string): string[] {
  return lint(text).map((d) => `${d.severity} [${text.slice(d.range[0], d.range[1])}] ${d.message}`);
}
const inputs = (items: string) => `- step:\n    name: train\n    image: python:3.12\n    command: python train.py\n    inputs:\n${items}`;

describe('sourceProblem', () => {
  it('accepts every documented source', () => {
    for (const s of INPUT_SOURCES) expect(sourceProblem(s.example), s.scheme).toBeUndefined();
    expect(sourceProblem('s3://bucket/images/**.jpg')).toBeUndefined();
  });

  it('leaves values that are no URL alone', () => {
    for (const v of ['default step image', 'data/train.csv', 'C:\\data\\train.csv', '/valohai/inputs/x']) expect(sourceProblem(v), v).toBeUndefined();
  });

  it('names an unknown scheme, with a guess when one is close', () => {
    expect(sourceProblem('gcs://bucket/key')).toMatchObject({ start: 0, end: 3, fix: { insert: 'gs' } });
    expect(sourceProblem('gcs://bucket/key')!.message).toContain('did you mean `gs:`?');
    const ftp = sourceProblem('ftp://host/file')!;
    expect(ftp).toMatchObject({ start: 0, end: 3 });
    expect(ftp.fix).toBeUndefined();
    expect(ftp.message).toContain('https, http, s3, gs, azure, swift, datum, dataset, model');
  });

  it('finds missing and extra slashes', () => {
    expect(sourceProblem('s3:/bucket/key')).toMatchObject({ start: 0, end: 4, fix: { insert: 's3://' } });
    expect(sourceProblem('datum:abc')).toMatchObject({ start: 0, end: 6, fix: { insert: 'datum://' } });
    expect(sourceProblem('s3:///key')!.message).toContain('leaves the bucket empty');
    expect(sourceProblem('https://')!.message).toContain('names no host');
  });
});

describe('input sources in lint', () => {
  it('warns at the scheme of a default the platform cannot fetch, with a fix', () => {
    const text = inputs('      - name: data\n        default: s3:/bucket/train.csv\n');
    expect(findings(text)).toEqual([
      'warning [s3:/] Input "data": `s3:/` has one slash after the scheme: the platform reads a source as `s3://…`, so it cannot fetch this one.',
    ]);
    expect(applyTextEdits(text, lint(text)[0].fixes![0].edits)).toBe(text.replace('s3:/bucket', 's3://bucket'));
  });

  it('checks every URL of a default list, each at its own place', () => {
    const text = inputs('      - name: data\n        default:\n          - s3://bucket/a.csv\n          - "gcs://bucket/b.csv"\n          - ftp://host/c.csv\n');
    expect(findings(text).map((f) => f.split('] ')[0])).toEqual(['warning [gcs', 'warning [ftp']);
  });

  it('says nothing of fetchable sources and placeholders (the corpus has `default step image`)', () => {
    expect(findings(inputs('      - name: a\n        default: https://example.com/x.csv\n      - name: b\n        default: default step image\n      - name: c\n        default: [datum://abc, dataset://d/v1, model://m/latest]\n'))).toEqual([]);
  });
});

describe('credentials in input URLs', () => {
  it('warns at the user:password part, in a single default and in a list', () => {
    const one = inputs('      - name: data\n        default: https://me:s3cr3t@example.com/data.csv\n');
    const [message] = findings(one);
    expect(message).toMatch(/^warning \[me:s3cr3t\] Input "data" has a user and password in its URL; the file goes into git/);
    const list = inputs('      - name: data\n        default:\n          - https://example.com/public.csv\n          - \'https://u:p@example.com/private.csv\'\n');
    expect(findings(list).map((f) => f.split('] ')[0])).toEqual(['warning [u:p']);
  });

  it('says nothing of a user name without a password', () => {
    expect(findings(inputs('      - name: data\n        default: https://token@example.com/data.csv\n'))).toEqual([]);
  });
});
