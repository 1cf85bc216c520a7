// Type-checked translation keys: t('records:matrix.title') fails to compile if the key is not in
// the English locale files.
import 'i18next';
import type common from './locales/en/common.json';
import type shell from './locales/en/shell.json';
import type profile from './locales/en/profile.json';
import type settings from './locales/en/settings.json';
import type training from './locales/en/training.json';
import type review from './locales/en/review.json';
import type records from './locales/en/records.json';
import type org from './locales/en/org.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof common;
      shell: typeof shell;
      profile: typeof profile;
      settings: typeof settings;
      training: typeof training;
      review: typeof review;
      records: typeof records;
      org: typeof org;
    };
  }
}
