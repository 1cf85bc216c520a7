// Turning YAML and schema failures in the organisation's content into problems a content writer
// can act on: the file, the field as it is written (quiz[2].options), and a sentence with the
// line number. Shared by the policy and the training modules so both read the same way.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import type { z } from 'zod';
import type { ContentProblem } from './contract/views/training';

export interface YamlSource {
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** Lines of the file before the YAML text (1 for frontmatter after the opening ---). */
  lineOffset: number;
}

export type ParsedYaml =
  { ok: true; source: YamlSource; value: unknown } | { ok: false; problems: ContentProblem[] };

/** Parses YAML text that starts `lineOffset` lines into `file`; syntax errors become problems. */
export function parseYaml(file: string, text: string, lineOffset = 0): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const source: YamlSource = { doc, lineCounter, lineOffset };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.slice(0, 5).map((e) => ({
        file,
        field: null,
        reason: `the YAML cannot be read: ${firstSentence(e.message)}${lineNote(source, e.pos[0])}`,
      })),
    };
  }
  try {
    return { ok: true, source, value: doc.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    return {
      ok: false,
      problems: [{ file, field: null, reason: `the YAML cannot be read: ${firstSentence(String(error))}` }],
    };
  }
}

function firstSentence(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
}

/** " (line N)" for where `path` is written, or nothing when it cannot be placed. */
export function lineOfPath(source: YamlSource, path: readonly PropertyKey[]): string {
  return lineNote(source, offsetOf(source, path));
}

function lineNote(source: YamlSource, offset: number | undefined): string {
  if (offset === undefined) return '';
  const { line } = source.lineCounter.linePos(offset);
  return ` (line ${line + source.lineOffset})`;
}

/** How a field is named to a content writer: quiz[2].options, required.teams.Product[0]. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

/**
 * The offset where `path` is written: the key of a mapping entry, the item of a sequence, or,
 * for something missing, the closest thing above it that exists.
 */
export function offsetOf(source: YamlSource, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = source.doc.contents;
  let best: number | undefined = (node as Node | null)?.range?.[0];
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
      );
      if (!pair) return best;
      const keyNode = pair.key as Node;
      best = keyNode.range?.[0] ?? best;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) return best;
      best = item.range?.[0] ?? best;
      node = item;
    } else {
      return best;
    }
  }
  return best;
}

/** True when the path is written in the YAML (even as null). */
function isPresent(source: YamlSource, path: readonly PropertyKey[]): boolean {
  return source.doc.hasIn(path);
}

/** One problem per zod issue, naming the field as written and the line it is on. */
export function issuesToProblems(
  file: string,
  issues: readonly z.core.$ZodIssue[],
  source: YamlSource,
): ContentProblem[] {
  const out: ContentProblem[] = [];
  for (const issue of issues) {
    const path = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const at = [...path, key];
        out.push({
          file,
          field: fieldPath(at),
          reason: `is not a known field (check the spelling)${lineNote(source, offsetOf(source, at))}`,
        });
      }
      continue;
    }
    const missing = issue.code === 'invalid_type' && path.length > 0 && !isPresent(source, path);
    out.push({
      file,
      field: path.length > 0 ? fieldPath(path) : null,
      reason: missing
        ? 'is required but missing'
        : `${issue.message}${lineNote(source, offsetOf(source, path))}`,
    });
  }
  return out;
}
