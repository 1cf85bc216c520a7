// Canonical JSON: the one byte form a value is hashed and signed in. Object keys sorted
// recursively (by UTF-16 code unit, the default sort), no whitespace, strings and numbers as
// JSON.stringify writes them. Anything JSON cannot carry faithfully is refused instead of being
// silently dropped or turned into null: undefined, functions, symbols, bigints, NaN/Infinity,
// and objects that are not plain data (Date, Map, class instances...).

export class CanonicalJsonError extends Error {
  /** Where in the value the problem is, e.g. `data.answers[2]`. */
  readonly path: string;
  constructor(path: string, what: string) {
    super(`Cannot write ${path || 'the value'} as JSON: ${what}`);
    this.name = 'CanonicalJsonError';
    this.path = path;
  }
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function child(path: string, key: string): string {
  if (IDENT.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

function write(value: unknown, path: string, out: string[], seen: Set<object>): void {
  switch (typeof value) {
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'number':
      if (!Number.isFinite(value)) {
        throw new CanonicalJsonError(path, `${String(value)} is not a finite number`);
      }
      out.push(JSON.stringify(value));
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'undefined':
      throw new CanonicalJsonError(path, 'it is undefined');
    case 'function':
      throw new CanonicalJsonError(path, 'it is a function');
    case 'symbol':
      throw new CanonicalJsonError(path, 'it is a symbol');
    case 'bigint':
      throw new CanonicalJsonError(path, 'it is a bigint (use a number or a string)');
    case 'object':
      break;
  }
  if (value === null) {
    out.push('null');
    return;
  }
  const obj = value as object;
  if (seen.has(obj)) throw new CanonicalJsonError(path, 'it contains itself (a cycle)');
  seen.add(obj);
  if (Array.isArray(obj)) {
    out.push('[');
    for (let i = 0; i < obj.length; i++) {
      if (i > 0) out.push(',');
      write(obj[i], `${path}[${i}]`, out, seen);
    }
    out.push(']');
  } else {
    const proto: unknown = Object.getPrototypeOf(obj);
    if (proto !== Object.prototype && proto !== null) {
      const name = (obj as { constructor?: { name?: string } }).constructor?.name ?? 'unknown';
      throw new CanonicalJsonError(path, `it is a ${name}, not plain data`);
    }
    const rec = obj as Record<string, unknown>;
    const keys = Object.keys(rec).sort();
    out.push('{');
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (i > 0) out.push(',');
      out.push(JSON.stringify(key), ':');
      write(rec[key], child(path, key), out, seen);
    }
    out.push('}');
  }
  seen.delete(obj);
}

/** Thrown by the fast writer at the first problem; the slow writer then finds and names it. */
const UNREPRESENTABLE = new Error('unrepresentable');

/**
 * The fast writer: no paths, one string built by concatenation. `stack` holds the objects being
 * written, for cycle detection (values are shallow, so a linear search is cheapest).
 */
function fast(value: unknown, stack: object[]): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw UNREPRESENTABLE;
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      throw UNREPRESENTABLE;
  }
  if (value === null) return 'null';
  if (stack.includes(value)) throw UNREPRESENTABLE;
  stack.push(value);
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + fast(value[i], stack);
    out += ']';
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw UNREPRESENTABLE;
    const rec = value as Record<string, unknown>;
    const keys = Object.keys(rec).sort();
    out = '{';
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      out += `${i > 0 ? ',' : ''}${JSON.stringify(key)}:${fast(rec[key], stack)}`;
    }
    out += '}';
  }
  stack.pop();
  return out;
}

/**
 * The canonical JSON text of `value`. Throws CanonicalJsonError naming the offending path
 * (relative to `rootPath`, if given) when the value cannot be represented exactly.
 */
export function canonicalJson(value: unknown, rootPath = ''): string {
  try {
    return fast(value, []);
  } catch (err) {
    if (err !== UNREPRESENTABLE) throw err;
  }
  const out: string[] = [];
  write(value, rootPath, out, new Set());
  return out.join(''); // not reached: the slow writer throws at the same problem
}
