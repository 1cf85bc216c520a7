// A manager's due dates as an iCalendar file (RFC 5545): one all-day event per person and
// required module that is overdue or due soon in the records they may see, on the date it falls
// (or fell) due, so a calendar shows who needs what by when. Plain VEVENTs, which every calendar
// imports. English, like the PDF report.
import { createHash } from 'node:crypto';
import type { RecordsView } from '../contract/views/records';

/** RFC 5545 TEXT: backslash, semicolon, comma and newlines escaped. */
export function icsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets, never inside a UTF-8 character (continuation lines start with a space). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74;
    if (bytes + size > limit) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const compactDay = (iso: string) => iso.slice(0, 10).replace(/-/g, '');
const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

function nextDay(iso: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return compactDay(d.toISOString());
}

/** The calendar text and its number of events. */
export function dueDatesCalendar(view: RecordsView, now: Date): { text: string; count: number } {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Steward//Training due dates//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText('Training due dates')}`,
  ];
  let count = 0;
  const groups = [
    { items: view.overdue, overdue: true },
    { items: view.dueSoon, overdue: false },
  ];
  for (const { items, overdue } of groups) {
    for (const person of items) {
      for (const m of person.modules) {
        if (m.dueAt === null) continue;
        const uid = createHash('sha256')
          .update(`${person.personId}\0${m.moduleId}\0${m.dueAt}`)
          .digest('hex')
          .slice(0, 32);
        const summary = `${overdue ? 'Overdue' : 'Due'}: ${m.title} (${person.name})`;
        const description = `${person.name} (${person.team}) must complete "${m.title}" by ${m.dueAt.slice(0, 10)}${overdue ? '; it is overdue' : ''}. From Steward's records on ${now.toISOString().slice(0, 10)}.`;
        lines.push(
          'BEGIN:VEVENT',
          `UID:${uid}@steward.invalid`,
          `DTSTAMP:${stamp(now)}`,
          `DTSTART;VALUE=DATE:${compactDay(m.dueAt)}`,
          `DTEND;VALUE=DATE:${nextDay(m.dueAt)}`,
          `SUMMARY:${icsText(summary)}`,
          `DESCRIPTION:${icsText(description)}`,
          'TRANSP:TRANSPARENT',
          'END:VEVENT',
        );
        count++;
      }
    }
  }
  lines.push('END:VCALENDAR');
  return { text: `${lines.map(foldLine).join('\r\n')}\r\n`, count };
}
