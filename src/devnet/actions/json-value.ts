// Checks that a value is plain JSON (what a node gets from an HTTP body) before it crosses into
// the sandbox: no functions, class instances, cycles, holes or non-finite numbers.

/** Lit's nodes parse bodies with serde_json, whose default nesting limit is 128. */
export const MAX_JSON_DEPTH = 128;

/** Where `value` stops being JSON (e.g. `.a[2]: a function`), or null when it is JSON. */
export function jsonProblem(value: unknown): string | null {
  // Iterative, so a deep or cyclic value meets the depth limit instead of the call stack.
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop()!;
    const problem = scalarProblem(v);
    if (problem === null) continue;
    if (problem !== 'container') return `${path || 'value'}: ${problem}`;
    if (depth >= MAX_JSON_DEPTH) {
      return `${path || 'value'}: nested deeper than ${MAX_JSON_DEPTH} levels (or cyclic)`;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        if (!(i in v)) return `${path}[${i}]: a hole in an array`;
        stack.push({ value: v[i], path: `${path}[${i}]`, depth: depth + 1 });
      }
      continue;
    }
    const obj = v as object;
    if (Object.getOwnPropertySymbols(obj).length > 0) return `${path || 'value'}: symbol keys`;
    for (const key of Object.keys(obj)) {
      const desc = Object.getOwnPropertyDescriptor(obj, key)!;
      const at = `${path}.${key}`;
      if (!('value' in desc)) return `${at}: an accessor property`;
      stack.push({ value: desc.value, path: at, depth: depth + 1 });
    }
  }
  return null;
}

/** null for JSON scalars, 'container' for plain arrays and objects, else what is wrong. */
function scalarProblem(v: unknown): string | null {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return null;
    case 'number':
      return Number.isFinite(v) ? null : `${String(v)} is not a JSON number`;
    case 'object': {
      if (v === null) return null;
      const proto = Object.getPrototypeOf(v);
      if (Array.isArray(v)) return proto === Array.prototype ? 'container' : 'an array subclass';
      if (proto === Object.prototype || proto === null) return 'container';
      return `a ${proto?.constructor?.name ?? 'non-plain'} object`;
    }
    default:
      return `a ${typeof v}`;
  }
}
