// One rule for a calendar day written YYYY-MM-DD, shared by the renderer's forms, the contract's
// argument schemas, the policy and the ledger events: 2027-02-30 is refused everywhere alike,
// at the first boundary it crosses. No zod, so the renderer may import it.

export const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2028-02-29 yes, 2027-02-29 and 2027-13-01 no). */
export function isCalendarDay(value: string): boolean {
  const match = DAY_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The UTC calendar day of a time, YYYY-MM-DD. */
export function utcDayOf(time: Date | string): string {
  return (typeof time === 'string' ? time : time.toISOString()).slice(0, 10);
}
