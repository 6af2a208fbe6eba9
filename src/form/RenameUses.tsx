/**
 * Beside a name field whose name is used elsewhere (a parameter in `{parameter:…}`, a step in
 * tasks and pipeline nodes, a node in edges): "Rename everywhere" renames the definition and
 * every use as one change — the same rename as F2 in the editor, refused with its reason before
 * anything changes. Typing into the field itself changes only the definition.
 */
import { useEffect, useId, useState } from 'react';
import type { Path } from '../core/contracts/path';
import { useDocumentStore } from '../store/react';

export function RenameUses({ path, name }: { path: Path; name: string }) {
  const store = useDocumentStore();
  const [uses, setUses] = useState(0);
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  useEffect(() => {
    let live = true;
    store
      .getState()
      .query({ kind: 'usesOf', path })
      .then((n) => live && setUses(n))
      .catch(() => undefined);
    return () => {
      live = false;
    };
    // Asked when the field appears and when its name changes, not on every keystroke elsewhere
    // (a large form has hundreds of name fields); the rename itself checks the current text.
    // The path's identity changes on every render of the parent; its text does not.
  }, [store, name, JSON.stringify(path)]);

  if (uses === 0 && !open) return null;
  if (!open) {
    return (
      <button
        type="button"
        className="link-button"
        onClick={() => {
          setTo(name);
          setError(null);
          setOpen(true);
        }}
      >
        Rename everywhere… ({uses} {uses === 1 ? 'use' : 'uses'})
      </button>
    );
  }
  const submit = () => {
    store
      .getState()
      .renameDefinition(path, to)
      .then(
        () => setOpen(false),
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      );
  };
  return (
    <form
      className="rename-uses"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOpen(false);
      }}
    >
      <label htmlFor={id}>New name for “{name}” and its {uses} {uses === 1 ? 'use' : 'uses'}</label>
      <input id={id} className="field-input" value={to} autoFocus spellCheck={false} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => setTo(e.currentTarget.value)} />
      <button type="submit">Rename</button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
