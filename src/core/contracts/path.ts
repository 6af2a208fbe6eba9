/**
 * Where a value sits in a document: the keys and indices from the root, e.g. `[0, 'step', 'image']`.
 * Diagnostics point at paths, edit intents change them, views select them.
 */
export type Path = (string | number)[];
