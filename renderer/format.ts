// How values read on screen: dates and numbers in the interface language (Intl, with the
// language i18n is showing), hashes shortened.
import { currentLocale, type Locale } from './i18n';
import { DAY_PATTERN } from '../electron/core/contract/dates';

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(
  style: 'dateTime' | 'long' | 'medium',
  locale: Locale = currentLocale(),
): Intl.DateTimeFormat {
  const key = `${locale}:${style}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(
      locale,
      style === 'dateTime' ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: style },
    );
    cache.set(key, f);
  }
  return f;
}

export function formatDateTime(iso: string): string {
  const value = new Date(iso);
  return Number.isNaN(value.getTime()) ? iso : dateFormat('dateTime').format(value);
}

export function formatDate(iso: string): string {
  const value = new Date(iso);
  return Number.isNaN(value.getTime()) ? iso : dateFormat('long').format(value);
}

/**
 * A calendar day written YYYY-MM-DD (a due date, a launch date), in long form. Read as that day
 * wherever the person is: parsing it as an instant (UTC midnight) would show the day before west
 * of Greenwich.
 */
export function formatDay(day: string): string {
  return DAY_PATTERN.test(day) ? formatDate(`${day}T12:00:00`) : formatDate(day);
}

/** A date for a table cell ("29 Nov 2026"); a YYYY-MM-DD day is read as that calendar day. */
export function formatShortDate(iso: string): string {
  const day = DAY_PATTERN.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
  return Number.isNaN(day.getTime()) ? iso : dateFormat('medium').format(day);
}

/** A whole number with the language's grouping ("120,000" / "120 000"). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  const locale = currentLocale();
  const key = `${locale}:n:${JSON.stringify(options ?? {})}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f.format(value);
}

/** The first 12 characters of a hash: enough to compare by eye; the full value goes in a title. */
export function shortHash(hash: string): string {
  return hash.length > 14 ? `${hash.slice(0, 12)}…` : hash;
}

/**
 * "3 people" in English only. Kept for code not yet moved to i18n plurals; new code uses
 * t('key', { count }) with `_one` / `_other` keys, which also covers French.
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}
