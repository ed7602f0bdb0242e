import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** A path into the parsed file, as zod and the checks report it: `['tasks', 1, 'after', 0]`. */
export type FieldPath = ReadonlyArray<string | number>;

/** `tasks[1].after[0]`, `workers.backend.cwd`, `workers["my app"]`. */
export function formatField(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === '' ? '(top level)' : out;
}

export interface Located {
  /** The node's first character, as an offset into the source. */
  offset: number;
  /** Whether the node at the full path exists (false: we stopped at its nearest ancestor). */
  exact: boolean;
  /** The node found, for callers that want to look inside its source text. */
  node?: Node;
}

function keyOf(node: unknown): unknown {
  return isScalar(node) ? node.value : node;
}

/**
 * The node a path names, or its nearest existing ancestor. With `atKey`, a
 * map entry is located by its key (an unknown field, a bad worker name) rather
 * than its value.
 */
export function locate(doc: Document, path: FieldPath, atKey = false): Located {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    let next: unknown;
    let keyNode: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && String(keyOf(p.key)) === String(segment));
      keyNode = pair?.key;
      next = pair ? (pair.value ?? pair.key) : undefined;
      if (pair && last && atKey) next = pair.key;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    const range = (next as Node | undefined)?.range ?? (keyNode as Node | undefined)?.range;
    if (next === undefined || !range) return { offset, exact: false, node: node as Node };
    node = next;
    offset = range[0];
  }
  return { offset, exact: true, node: node as Node };
}

/** 1-based line of an offset. */
export function lineAt(lineCounter: LineCounter, offset: number): number {
  return lineCounter.linePos(offset).line;
}
