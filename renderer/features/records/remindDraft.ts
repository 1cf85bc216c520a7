// A manager's reminder to the people who are overdue, as email drafts for their own mail client
// (mailto:), never sent by Steward. Recipients go in Bcc, so no one learns from the draft who
// else is overdue; the body names the modules overdue among them, not who owes which. A mailto
// link longer than mail clients and the OS reliably pass on (about 2,000 characters) is split into
// several drafts, each with its share of the recipients.
import type { AttentionItem, RecordsPerson } from '../../../electron/core/contract/views/records';

/** What mail clients and operating systems pass on reliably (Windows' limit is 2,083 characters). */
export const MAILTO_MAX_LENGTH = 2000;

export interface ReminderDraft {
  url: string;
  recipients: number;
}

/** The overdue people's addresses (known ones only), in the list's order, each once. */
export function overdueAddresses(
  overdue: readonly AttentionItem[],
  people: readonly RecordsPerson[],
): string[] {
  const byId = new Map(people.map((p) => [p.id, p.email]));
  const out: string[] = [];
  for (const item of overdue) {
    const email = byId.get(item.personId);
    if (email && !out.includes(email)) out.push(email);
  }
  return out;
}

/** The titles of the modules overdue among them, each once, in the order they first appear. */
export function overdueModules(overdue: readonly AttentionItem[]): string[] {
  const out: string[] = [];
  for (const item of overdue) for (const m of item.modules) if (!out.includes(m.title)) out.push(m.title);
  return out;
}

/** mailto: drafts to `addresses` (Bcc), each at most `maxLength` characters. */
export function reminderDrafts(
  addresses: readonly string[],
  subject: string,
  body: string,
  maxLength = MAILTO_MAX_LENGTH,
): ReminderDraft[] {
  const tail = `&subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body.replace(/\r?\n/g, '\r\n'))}`;
  const drafts: ReminderDraft[] = [];
  let batch: string[] = [];
  const urlOf = (list: readonly string[]) => `mailto:?bcc=${list.map(encodeURIComponent).join(',')}${tail}`;
  for (const address of addresses) {
    if (batch.length > 0 && urlOf([...batch, address]).length > maxLength) {
      drafts.push({ url: urlOf(batch), recipients: batch.length });
      batch = [];
    }
    batch.push(address);
  }
  if (batch.length > 0) drafts.push({ url: urlOf(batch), recipients: batch.length });
  return drafts;
}
