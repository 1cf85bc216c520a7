// National Art. 35(4) lists: the kinds of processing a supervisory authority says need a DPIA.
// Each list is a YAML file in content/review/dpia-lists/<id>.yaml, written in terms of the
// questionnaire's questions and the WP248 criteria (many items apply "when combined with another
// criterion"); the questionnaire names the lists in force (`screening.lists`), so an organisation
// under the ICO, the CNIL or both selects them there. Rules are checked against the questionnaire
// when it loads (questionnaire.ts); here only the file's own shape.
import { z } from 'zod';
import type { ContentProblem } from '../contract/views/training';
import { issuesToProblems, parseYaml } from '../yamlProblems';
import type { YamlSource } from '../yamlProblems';
import { ruleSchema } from './rules';

export const DPIA_LISTS_DIR = 'review/dpia-lists';

const idSchema = z
  .string()
  .regex(/^[a-z][A-Za-z0-9]*$/, { error: 'must be camelCase: a lower-case letter, then letters and digits' });
const textSchema = z.string().refine((s) => s.trim().length > 0, { error: 'must not be empty' });

const itemSchema = z
  .object({
    id: idSchema,
    title: textSchema,
    /** The authority's description, paraphrased or quoted with the source. */
    text: textSchema,
    when: ruleSchema,
  })
  .strict();

export const dpiaListSchema = z
  .object({
    id: idSchema,
    /** Who published it, e.g. "Information Commissioner's Office (UK)". */
    authority: textSchema,
    title: textSchema,
    /** Where the list comes from: the decision, its date, the EDPB opinion on it. */
    source: textSchema,
    items: z.array(itemSchema).min(1),
  })
  .strict();
export type DpiaList = z.output<typeof dpiaListSchema>;
export type DpiaListItem = DpiaList['items'][number];

export type DpiaListParse =
  { ok: true; list: DpiaList; source: YamlSource } | { ok: false; problems: ContentProblem[] };

/** Parses one list file (its bytes as text); `file` names it in problems. */
export function parseDpiaList(text: string, file: string, expectedId: string): DpiaListParse {
  const parsed = parseYaml(file, text);
  if (!parsed.ok) return parsed;
  const result = dpiaListSchema.safeParse(parsed.value);
  if (!result.success) {
    return { ok: false, problems: issuesToProblems(file, result.error.issues, parsed.source) };
  }
  if (result.data.id !== expectedId) {
    return {
      ok: false,
      problems: [
        { file, field: 'id', reason: `is "${result.data.id}" but the file is named ${expectedId}.yaml` },
      ],
    };
  }
  const seen = new Set<string>();
  for (const [i, item] of result.data.items.entries()) {
    if (seen.has(item.id)) {
      return {
        ok: false,
        problems: [{ file, field: `items[${i}].id`, reason: `duplicate item id "${item.id}"` }],
      };
    }
    seen.add(item.id);
  }
  return { ok: true, list: result.data, source: parsed.source };
}
