// Translations of modules: content/locales/<lang>/modules/NN-slug.md. A translation is used only
// when it matches its English module exactly in everything but the words (same id, version,
// questions, topics, answers, sections), so a completion in one language is a completion in all.
import fs from 'node:fs';
import path from 'node:path';
import type { ContentProblem } from '../contract/views/training';
import type { Policy } from '../policy/policy';
import { fieldPath, lineOfPath } from '../yamlProblems';
import type { YamlSource } from '../yamlProblems';
import { isLocaleFolderName, readFileProblem, type Listing } from './contentFolder';
import { BASE_LOCALE, LOCALES_DIR, MODULES_DIR, parseModuleSource, type TrainingModule } from './moduleFile';

export function readTranslations(
  dir: string,
  listing: Listing,
  policy: Policy,
  english: ReadonlyMap<string, TrainingModule | null>,
): { byLocale: Map<string, Map<string, TrainingModule>>; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const byLocale = new Map<string, Map<string, TrainingModule>>();
  if (listing.localesError) problems.push({ file: LOCALES_DIR, field: null, reason: listing.localesError });
  for (const entry of listing.locales) {
    const folder = `${LOCALES_DIR}/${entry.name}`;
    if (!entry.isDir || !isLocaleFolderName(entry.name)) {
      problems.push({
        file: folder,
        field: null,
        reason:
          entry.name === BASE_LOCALE
            ? 'English is the language of modules/ itself; edit the modules there, not in locales/en'
            : `is not a locale folder: locales/ holds one folder per language, named by its lower-case language tag (fr, de, pt-br), each with a modules/ folder`,
      });
      continue;
    }
    const listed = listing.localeModules.get(entry.name) ?? { names: [], error: null };
    if (listed.error) problems.push({ file: `${folder}/${MODULES_DIR}`, field: null, reason: listed.error });
    const valid = new Map<string, TrainingModule>();
    for (const name of listed.names) {
      const file = `${folder}/${MODULES_DIR}/${name}`;
      const original = english.get(name);
      if (original === undefined) {
        problems.push({
          file,
          field: null,
          reason: `has no English original: a translation has the same file name as the module it translates, and there is no ${MODULES_DIR}/${name}`,
        });
        continue;
      }
      if (original === null) {
        problems.push({
          file,
          field: null,
          reason: `is not used while its English original ${MODULES_DIR}/${name} has problems; fix that file first`,
        });
        continue;
      }
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(path.join(dir, LOCALES_DIR, entry.name, MODULES_DIR, name));
      } catch (error) {
        problems.push(readFileProblem(file, error));
        continue;
      }
      const { parsed, source, bodyLine } = parseModuleSource(file, bytes, policy);
      if (!parsed.ok) {
        problems.push(...parsed.problems);
        continue;
      }
      const mismatches = translationMismatches(parsed.module, original, source, bodyLine);
      if (mismatches.length > 0) {
        problems.push(...mismatches);
        continue;
      }
      valid.set(parsed.module.id, {
        ...parsed.module,
        order: original.order,
        locale: entry.name,
        contentHashes: [],
      });
    }
    if (valid.size > 0) byLocale.set(entry.name, valid);
  }
  return { byLocale, problems };
}

type ModuleShape = Pick<
  TrainingModule,
  'id' | 'version' | 'changes' | 'passMark' | 'recertifyMonths' | 'quiz' | 'sections' | 'file'
>;

/**
 * Where a translation differs from its English module in anything but the words. Any difference
 * would make a completion in one language mean something else than in the other, so the
 * translation is not used until it is fixed.
 */
export function translationMismatches(
  t: ModuleShape,
  en: ModuleShape,
  source: YamlSource | null,
  bodyLine: number,
): ContentProblem[] {
  const out: ContentProblem[] = [];
  const at = (where: PropertyKey[]) => (source ? lineOfPath(source, where) : '');
  const add = (where: PropertyKey[], reason: string) =>
    out.push({ file: t.file, field: fieldPath(where), reason: `${reason}${at(where)}` });

  if (t.id !== en.id) {
    add(
      ['id'],
      `is "${t.id}", but the English module ${en.file} has the id "${en.id}"; a translation keeps the id`,
    );
  }
  if (t.version !== en.version) {
    add(
      ['version'],
      `is ${t.version}, but the English module ${en.file} is at ${en.version}; bring the translation up to date and set its version to ${en.version} (until then the English module is shown)`,
    );
  }
  if (t.passMark !== en.passMark) {
    add(
      ['passMark'],
      `gives a pass mark of ${t.passMark}%, but the English module's is ${en.passMark}%; a translation keeps the pass mark`,
    );
  }
  if (t.recertifyMonths !== en.recertifyMonths) {
    add(
      ['recertifyMonths'],
      `gives ${t.recertifyMonths} months until recertification, but the English module gives ${en.recertifyMonths}; a translation keeps them`,
    );
  }

  const enChanges = en.changes.map((c) => c.version).join(', ');
  const tChanges = t.changes.map((c) => c.version).join(', ');
  if (enChanges !== tChanges) {
    add(
      ['changes'],
      `says what changed in ${tChanges === '' ? 'no version' : `version(s) ${tChanges}`}, but the English module ${en.file} in ${enChanges === '' ? 'none' : enChanges}; a translation translates the same list`,
    );
  }

  const enQuestions = new Map(en.quiz.map((q) => [q.id, q]));
  const tIds = new Set(t.quiz.map((q) => q.id));
  const lacking = en.quiz.filter((q) => !tIds.has(q.id)).map((q) => q.id);
  if (lacking.length > 0) {
    add(
      ['quiz'],
      `lacks the question(s) ${lacking.join(', ')} of the English module ${en.file}; a translation has the same questions`,
    );
  }
  t.quiz.forEach((q, i) => {
    const eq = enQuestions.get(q.id);
    if (!eq) {
      add(['quiz', i, 'id'], `is "${q.id}", but the English module ${en.file} has no question with that id`);
      return;
    }
    if (q.type !== eq.type) {
      add(['quiz', i, 'type'], `is ${q.type}, but question ${q.id} is ${eq.type} in the English module`);
    }
    if (q.topic !== eq.topic) {
      add(
        ['quiz', i, 'topic'],
        `is "${q.topic}", but question ${q.id} has the topic "${eq.topic}" in the English module; a translation keeps the topics`,
      );
    }
    const enOptions = new Map(eq.options.map((o) => [o.id, o]));
    const tOptionIds = new Set(q.options.map((o) => o.id));
    const missing = eq.options.filter((o) => !tOptionIds.has(o.id)).map((o) => o.id);
    if (missing.length > 0) {
      add(
        ['quiz', i, 'options'],
        `lacks the option(s) ${missing.join(', ')} of question ${q.id} in the English module`,
      );
    }
    q.options.forEach((o, j) => {
      const eo = enOptions.get(o.id);
      if (!eo) {
        add(
          ['quiz', i, 'options', j, 'id'],
          `is "${o.id}", but question ${q.id} in the English module has no option with that id`,
        );
      } else if (o.correct !== eo.correct) {
        add(
          ['quiz', i, 'options', j, 'correct'],
          `marks option ${o.id} of question ${q.id} as ${o.correct ? 'correct' : 'not correct'}, but it is ${eo.correct ? 'correct' : 'not correct'} in the English module; a translation keeps the answers`,
        );
      }
    });
  });

  if (t.sections.length !== en.sections.length) {
    out.push({
      file: t.file,
      field: 'body',
      reason: `has ${t.sections.length} sections, but the English module ${en.file} has ${en.sections.length}; a translation keeps every "## " heading, translated, and no others (the body starts on line ${bodyLine})`,
    });
  }
  return out;
}
