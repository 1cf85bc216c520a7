// The content folder as listed on disk: the module files, the locale folders and their module
// files. Listing never throws: what cannot be read is reported as a problem of that folder.
import fs from 'node:fs';
import path from 'node:path';
import type { ContentProblem } from '../contract/views/training';
import { BASE_LOCALE, LOCALE_FOLDER_PATTERN, LOCALES_DIR, MODULES_DIR } from './moduleFile';

export interface DirListing {
  names: string[];
  error: string | null;
}

export interface Listing {
  modules: DirListing;
  /** Entries of locales/ (hidden ones skipped), sorted; empty when there is no locales folder. */
  locales: { name: string; isDir: boolean }[];
  localesError: string | null;
  /** The module files of each well-named locale folder. */
  localeModules: Map<string, DirListing>;
}

export function statKey(file: string): string {
  try {
    const s = fs.statSync(file);
    return `${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}`;
  } catch {
    return '-';
  }
}

function listModuleDir(dir: string): DirListing {
  try {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    const names = entries
      .filter((e) => !e.name.startsWith('.') && !e.isDirectory())
      .map((e) => e.name)
      .sort();
    return { names, error: null };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      names: [],
      error:
        code === 'ENOENT' ? 'the modules folder is missing' : `the modules folder cannot be read (${code})`,
    };
  }
}

export function listFolder(dir: string): Listing {
  const modules = listModuleDir(path.join(dir, MODULES_DIR));
  const localeModules = new Map<string, DirListing>();
  let locales: Listing['locales'] = [];
  let localesError: string | null = null;
  try {
    locales = fs
      .readdirSync(path.join(dir, LOCALES_DIR), { withFileTypes: true })
      .filter((e) => !e.name.startsWith('.'))
      .map((e) => ({ name: e.name, isDir: e.isDirectory() }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') localesError = `the locales folder cannot be read (${code})`;
  }
  for (const l of locales) {
    if (l.isDir && isLocaleFolderName(l.name)) {
      localeModules.set(l.name, listModuleDir(path.join(dir, LOCALES_DIR, l.name, MODULES_DIR)));
    }
  }
  return { modules, locales, localesError, localeModules };
}

export function isLocaleFolderName(name: string): boolean {
  return LOCALE_FOLDER_PATTERN.test(name) && name !== BASE_LOCALE;
}

export function readFileProblem(file: string, error: unknown): ContentProblem {
  return {
    file,
    field: null,
    reason: `the file cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
  };
}
