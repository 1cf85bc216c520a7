// The training catalogue as the organisation wrote it: the module files (moduleFile.ts), their
// translations (translations.ts) and content/policy.yaml, read from the content folder
// (contentFolder.ts) and cached until a file changes. A broken module is listed as unavailable
// with the file, the field and the reason, and the rest keeps working.
import fs from 'node:fs';
import path from 'node:path';
import type { ContentProblem } from '../contract/views/training';
import { loadPolicy } from '../policy/policy';
import type { LoadedPolicy, Policy } from '../policy/policy';
import { fieldPath } from '../yamlProblems';
import { listFolder, readFileProblem, statKey, type Listing } from './contentFolder';
import {
  BASE_LOCALE,
  LOCALES_DIR,
  MODULES_DIR,
  MODULE_FILE_PATTERN,
  parseModuleFile,
  type TrainingModule,
} from './moduleFile';
import { readTranslations } from './translations';

export * from './moduleFile';
export { translationMismatches } from './translations';

export interface LoadedContent {
  /** Each available module, in the requested locale where a valid translation exists, else English. */
  modules: TrainingModule[];
  policy: Policy;
  /** Every problem found, in file order (policy first, then modules, then translations). */
  problems: ContentProblem[];
  /** The problems of each module that could not be loaded, by its id (when the id could be read). */
  unavailable: Map<string, ContentProblem[]>;
  /** The locale folder the modules were looked up in (BASE_LOCALE when none matched the request). */
  locale: string;
  /** Every valid translation in every locale folder, in folder then file-name order. */
  translations: TrainingModule[];
  /**
   * Every valid edition of every module (English and translations), by content hash: what a
   * learner read may be in another language than the one they view now.
   */
  editions: Map<string, TrainingModule>;
}

export interface LoadContentOptions {
  /**
   * The language the reader wants, as a BCP 47 tag (fr, fr-CA). Matched against the locale
   * folders exactly, then by its language alone; English when nothing matches.
   */
  locale?: string;
}

/** Everything read from the folder, before a locale is chosen. */
interface ContentRead {
  base: Omit<LoadedContent, 'modules' | 'locale'> & { modules: TrainingModule[] };
  /** Valid translations by locale, then module id. */
  byLocale: Map<string, Map<string, TrainingModule>>;
  /** The well-named locale folders, valid translations in them or not. */
  locales: string[];
}

interface CacheEntry {
  key: string;
  read: ContentRead;
  views: Map<string, LoadedContent>;
}
const cache = new Map<string, CacheEntry>();

/**
 * The locale folder to show content from for a requested BCP 47 tag: the tag itself (fr-ca),
 * else its language (fr), else BASE_LOCALE.
 */
export function resolveContentLocale(requested: string | undefined, available: readonly string[]): string {
  const tag = (requested ?? '').trim().toLowerCase().replace(/_/g, '-');
  for (const candidate of [tag, tag.split('-')[0] ?? '']) {
    if (candidate === BASE_LOCALE) return BASE_LOCALE;
    if (candidate !== '' && available.includes(candidate)) return candidate;
  }
  return BASE_LOCALE;
}

/**
 * Loads and validates the content folder, with each module in `options.locale` where a valid
 * translation exists. Cached by the file lists, sizes and modification times, so calling it on
 * every request is cheap and an edited file is picked up.
 */
export function loadContent(contentDir: string, options: LoadContentOptions = {}): LoadedContent {
  const dir = path.resolve(contentDir);
  const listing = listFolder(dir);
  const key = [
    statKey(path.join(dir, 'policy.yaml')),
    listing.modules.error ?? '',
    ...listing.modules.names.map((n) => `${n}=${statKey(path.join(dir, MODULES_DIR, n))}`),
    `#${listing.localesError ?? ''}`,
    ...listing.locales.map((l) => `${l.name}${l.isDir ? '/' : ''}`),
    ...[...listing.localeModules].flatMap(([l, m]) => [
      `${l}:${m.error ?? ''}`,
      ...m.names.map((n) => `${l}/${n}=${statKey(path.join(dir, LOCALES_DIR, l, MODULES_DIR, n))}`),
    ]),
  ].join('|');
  let hit = cache.get(dir);
  if (!hit || hit.key !== key) {
    hit = { key, read: readContent(dir, listing), views: new Map() };
    cache.set(dir, hit);
  }
  const locale = resolveContentLocale(options.locale, hit.read.locales);
  let view = hit.views.get(locale);
  if (!view) {
    const translated = hit.read.byLocale.get(locale);
    view = {
      ...hit.read.base,
      modules: hit.read.base.modules.map((m) => translated?.get(m.id) ?? m),
      locale,
    };
    hit.views.set(locale, view);
  }
  return view;
}

function readContent(dir: string, listing: Listing): ContentRead {
  const loaded = loadPolicy(dir);
  const { policy } = loaded;
  const moduleProblems: ContentProblem[] = [];
  const unavailable = new Map<string, ContentProblem[]>();
  const modules: TrainingModule[] = [];
  /** Every id some file claims (valid or not), and the first file that claimed it. */
  const claimed = new Map<string, string>();
  /** Each file name in modules/ and its module, or null when it is unavailable. */
  const byName = new Map<string, TrainingModule | null>();
  if (listing.modules.error) {
    moduleProblems.push({ file: MODULES_DIR, field: null, reason: listing.modules.error });
  }

  for (const name of listing.modules.names) {
    const file = `${MODULES_DIR}/${name}`;
    if (!MODULE_FILE_PATTERN.test(name)) {
      moduleProblems.push({
        file,
        field: null,
        reason:
          'is not a module file name: modules are named NN-slug.md (two digits, a hyphen, lower-case words joined by hyphens, .md), e.g. 03-consent-done-right.md',
      });
      continue;
    }
    byName.set(name, null);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(path.join(dir, MODULES_DIR, name));
    } catch (error) {
      moduleProblems.push(readFileProblem(file, error));
      continue;
    }
    const parsed = parseModuleFile(file, bytes, policy);
    const id = parsed.ok ? parsed.module.id : parsed.id;
    const problems = parsed.ok ? [] : [...parsed.problems];
    const first = id === null ? undefined : claimed.get(id);
    if (id !== null && first !== undefined) {
      problems.unshift({
        file,
        field: 'id',
        reason: `the module id "${id}" is already used by ${first}; this file is unavailable until its id is changed`,
      });
    } else if (id !== null) {
      claimed.set(id, file);
    }
    if (problems.length > 0) {
      moduleProblems.push(...problems);
      if (id !== null && first === undefined) unavailable.set(id, problems);
      continue;
    }
    if (parsed.ok) {
      const m: TrainingModule = {
        ...parsed.module,
        order: modules.length,
        locale: BASE_LOCALE,
        contentHashes: [parsed.module.contentHash],
      };
      modules.push(m);
      byName.set(name, m);
    }
  }

  const translated = readTranslations(dir, listing, policy, byName);
  const translations = [...translated.byLocale.values()].flatMap((byId) => [...byId.values()]);
  // A completion on any edition at the English version is a completion of the module.
  for (const m of modules) {
    const hashes = [m.contentHash, ...translations.filter((t) => t.id === m.id).map((t) => t.contentHash)];
    m.contentHashes = hashes;
    for (const t of translations) if (t.id === m.id) t.contentHashes = hashes;
  }
  const editions = new Map<string, TrainingModule>();
  for (const m of [...modules, ...translations])
    if (!editions.has(m.contentHash)) editions.set(m.contentHash, m);

  return {
    base: {
      modules,
      policy,
      problems: [
        ...loaded.problems,
        ...requiredProblems(loaded, claimed),
        ...moduleProblems,
        ...translated.problems,
      ],
      unavailable,
      translations,
      editions,
    },
    byLocale: translated.byLocale,
    locales: [...listing.localeModules.keys()],
  };
}

/** The policy must not require a module that no file defines. */
function requiredProblems(loaded: LoadedPolicy, claimed: ReadonlyMap<string, string>): ContentProblem[] {
  const out: ContentProblem[] = [];
  const { required } = loaded.policy;
  const check = (ids: readonly string[], at: PropertyKey[]) => {
    ids.forEach((id, i) => {
      if (claimed.has(id)) return;
      const where = [...at, i];
      out.push({
        file: 'policy.yaml',
        field: fieldPath(where),
        reason: `names the module "${id}", but no file in modules/ has that id${loaded.lineOf(where)}`,
      });
    });
  };
  check(required.everyone, ['required', 'everyone']);
  for (const [team, ids] of Object.entries(required.teams)) check(ids, ['required', 'teams', team]);
  for (const [role, ids] of Object.entries(required.roles)) check(ids, ['required', 'roles', role]);
  return out;
}
