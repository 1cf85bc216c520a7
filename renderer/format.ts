// How values read on screen: dates in the person's locale, hashes shortened, counts in words.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });
const shortDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatDateTime(iso: string): string {
  const value = new Date(iso);
  return Number.isNaN(value.getTime()) ? iso : dateTime.format(value);
}

export function formatDate(iso: string): string {
  const value = new Date(iso);
  return Number.isNaN(value.getTime()) ? iso : date.format(value);
}

/**
 * A calendar day written YYYY-MM-DD (a due date, a launch date), in long form. Read as that day
 * wherever the person is: parsing it as an instant (UTC midnight) would show the day before west
 * of Greenwich.
 */
export function formatDay(day: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? formatDate(`${day}T12:00:00`) : formatDate(day);
}

/** A date for a table cell ("Nov 29, 2026"); a YYYY-MM-DD day is read as that calendar day. */
export function formatShortDate(iso: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
  return Number.isNaN(day.getTime()) ? iso : shortDate.format(day);
}

/** The first 12 characters of a hash: enough to compare by eye; the full value goes in a title. */
export function shortHash(hash: string): string {
  return hash.length > 14 ? `${hash.slice(0, 12)}…` : hash;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}
