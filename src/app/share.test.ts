import { describe, expect, it } from 'vitest';
import { readShare, shareUrl } from './share';

describe('share links', () => {
  it('carry the document in the fragment, byte for byte, and compressed', async () => {
    const text = '# ünïcode ✓\r\n- step:\n    name: train\n'.repeat(200);
    const url = await shareUrl('https://app.example/pipewright/?debug#old', { fileName: 'valohai.yaml', dialectId: 'valohai', text });
    expect(url.startsWith('https://app.example/pipewright/?debug#share=')).toBe(true);
    expect(url.length).toBeLessThan(text.length / 4);
    expect(await readShare(new URL(url).hash)).toEqual({ fileName: 'valohai.yaml', dialectId: 'valohai', text });
  });

  it('ignore other fragments, and say so when a link is damaged', async () => {
    expect(await readShare('#section')).toBeUndefined();
    expect(await readShare('')).toBeUndefined();
    const url = await shareUrl('https://x/', { fileName: 'a.yaml', dialectId: 'emloop', text: 'a: 1\n' });
    await expect(readShare(new URL(url).hash.slice(0, -6))).rejects.toThrow(/damaged/);
    await expect(readShare('#share=!!!')).rejects.toThrow(/damaged/);
  });

  it('refuse a document too large for a link', async () => {
    let seed = 1;
    const noise = Array.from({ length: 2_500_000 }, () => ((seed = (seed * 48271) % 2147483647) % 36).toString(36)).join('');
    await expect(shareUrl('https://x/', { fileName: 'big.yaml', dialectId: 'valohai', text: noise })).rejects.toThrow(/too large to share/);
  });
});
