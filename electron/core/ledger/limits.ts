// How large and how deep a ledger line may be, checked on the bytes before anything parses
// them: a line nested 100,000 deep parses (JSON.parse does not recurse) but then overflows the
// stack of whatever walks the value (canonical JSON, the schemas), and a line of gigabytes is
// not an entry. The writer refuses to write what the reader would refuse to read.

/** Longest line (bytes, without its '\n'): a review of many long answers fits several times over. */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;

/** Deepest nesting of arrays and objects in a line (the entry object itself is level 1). */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether the JSON text in buf[from, to) nests arrays and objects more than `max` deep. Brackets
 * inside strings do not count; the text need not be valid JSON (what is not is refused later).
 * A byte loop with no allocation: bytes of multi-byte UTF-8 characters are all >= 0x80, so they
 * are never taken for a quote, a backslash or a bracket.
 */
export function nestedDeeperThan(buf: Uint8Array, from: number, to: number, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = from; i < to; i++) {
    const c = buf[i] as number;
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}
