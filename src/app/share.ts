/**
 * Share links: the document travels compressed in the URL fragment (`#share=...`), which
 * browsers never send to a server. Opening such a link opens the document in a new tab.
 *
 * Usage: `const url = await shareUrl(location.href, { fileName, dialectId, text })`
 *        `const doc = await readShare(location.hash)` → the document, or undefined
 */
export interface SharedDocument {
  fileName: string;
  dialectId: string;
  text: string;
}

const PREFIX = '#share=';
/** Browsers handle fragments of a few megabytes; beyond this a link is no way to pass a file. */
export const MAX_SHARE_LENGTH = 1_500_000;

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The link that opens `doc`; throws when the compressed document is too long for a link. */
export async function shareUrl(base: string, doc: SharedDocument): Promise<string> {
  const json = JSON.stringify({ v: 1, f: doc.fileName, d: doc.dialectId, t: doc.text });
  const packed = toBase64Url(await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw')));
  if (packed.length > MAX_SHARE_LENGTH) throw new Error(`the document is too large to share as a link (${Math.round(packed.length / 1000)} kB compressed) — download it and send the file`);
  return `${base.split('#')[0]}${PREFIX}${packed}`;
}

/** The document a `#share=` fragment carries; undefined for any other fragment; throws for a damaged link. */
export async function readShare(hash: string): Promise<SharedDocument | undefined> {
  if (!hash.startsWith(PREFIX)) return undefined;
  let data: unknown;
  try {
    const bytes = await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream('deflate-raw'));
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new Error('the share link is damaged (cut short or changed) — ask for it again');
  }
  const d = data as { v?: unknown; f?: unknown; d?: unknown; t?: unknown };
  if (d.v !== 1 || typeof d.f !== 'string' || typeof d.d !== 'string' || typeof d.t !== 'string') throw new Error('the share link is not one Pipewright made');
  return { fileName: d.f, dialectId: d.d, text: d.t };
}
