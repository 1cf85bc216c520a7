// Reminders through the real services on a temp workspace shared by a submitter and a reviewer:
// each kind appears in the inbox as the clock moves, OS notifications go through the host at most
// once per item per day, never in quiet hours or for a kind opted out of, preferences live in the
// settings store (never the ledger), and a manager's calendar of due dates is saved and accounted
// for like any export.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Services } from '../../../electron/core/contract/methods';
import type { NotificationItem } from '../../../electron/core/contract/views/reminders';
import { readLedgerFile } from '../../../electron/core/ledger';
import { stewardWorkspace } from '../../../electron/core/events';
import { inQuietHours } from '../../../electron/core/reminders/inbox';
import { ALL_MODULES, completeModules, SUBMITTER_MODULES } from '../../support/moduleKey';
import { autofillDraft } from '../../support/reviewAutofill';
import { tempServices, testServices, type TempServices } from '../../support/services';
import { grantInPolicy } from '../../support/policy';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-02T10:00:00.000Z');
let nowMs = T0;
/** Moves a second on every reading, as time does between one action and the next. */
const clock = () => new Date((nowMs += 1000));
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const envs: TempServices[] = [];
afterEach(async () => {
  for (const e of envs.splice(0)) await e.close();
  nowMs = T0;
});

const grant = grantInPolicy;

async function submitReview(s: Services, title: string): Promise<string> {
  const draft = await s.createReviewDraft({});
  await autofillDraft(s, draft.draftId, { proposalTitle: title });
  return (await s.submitReview({ draftId: draft.draftId })).summary.reviewId;
}

/** Ben reviews (every module done); Amara (Data Science) has done the submitter modules only. */
async function team(notify?: (n: { id: string; title: string; body: string }) => void) {
  const env = await tempServices({
    prefix: 'steward-reminders-',
    now: clock,
    capabilities: { host: 'test', ...(notify ? { notify } : {}) },
  });
  envs.push(env);
  const s = env.services;
  const ben = await s.createProfile({
    name: 'Ben Schmidt',
    email: 'ben@example.com',
    team: 'Legal & Privacy',
  });
  grant(env.contentDir, ben, 'reviewers');
  await completeModules(s, ALL_MODULES, env.contentDir);
  const amara = await s.createProfile({
    name: 'Amara Okafor',
    email: 'amara@example.com',
    team: 'Data Science',
  });
  await completeModules(s, SUBMITTER_MODULES, env.contentDir);
  return { env, s, ben, amara };
}

const kinds = (items: NotificationItem[]) => items.map((i) => `${i.kind}${i.overdue ? ' (overdue)' : ''}`);

describe('the reminders inbox', () => {
  it('lists each kind as it comes: training due and overdue, a review to decide, changes requested, a condition, a re-review', async () => {
    const { s, ben, amara } = await team();
    // Amara's five other Data Science modules are due 30 days after she joined: due soon already.
    let inbox = await s.listNotifications({});
    expect(kinds(inbox.items)).toEqual(Array(5).fill('trainingDueSoon'));
    expect(inbox.items.map((i) => i.moduleId).sort()).toEqual([
      'ai-and-automated-decisions',
      'beyond-compliance',
      'consent-done-right',
      'law-in-practice',
      'peoples-rights',
    ]);
    expect(inbox.items[0]).toMatchObject({
      dueAt: new Date(Date.parse(amara.createdAt) + 30 * DAY).toISOString(),
    });

    const first = await submitReview(s, 'Churn prediction');
    await s.switchProfile({ profileId: ben.id });
    inbox = await s.listNotifications({});
    expect(inbox.items.map((i) => [i.kind, i.reviewId, i.title])).toEqual([
      ['reviewAwaitingDecision', first, 'Churn prediction'],
    ]);
    await s.requestReviewChanges({
      reviewId: first,
      version: 1,
      rationale: 'Too thin.',
      requestedChanges: ['Say who receives the scores'],
    });
    expect((await s.listNotifications({})).items).toEqual([]);

    await s.switchProfile({ profileId: amara.id });
    inbox = await s.listNotifications({});
    expect(inbox.items.filter((i) => i.kind === 'changesRequested').map((i) => i.reviewId)).toEqual([first]);

    const second = await submitReview(s, 'Loyalty offers');
    await s.switchProfile({ profileId: ben.id });
    await s.decideReview({
      reviewId: second,
      version: 1,
      decision: 'approvedWithConditions',
      rationale: 'Fine with a retention limit.',
      conditions: [
        { text: 'Delete scores after 90 days', owner: 'Amara Okafor', dueDate: day(T0 + 10 * DAY) },
      ],
      reReviewDate: day(T0 + 20 * DAY),
      dpoAdvice: null,
    });
    expect(kinds((await s.listNotifications({})).items)).toEqual(['reReviewDue']);

    await s.switchProfile({ profileId: amara.id });
    inbox = await s.listNotifications({});
    expect(inbox.items.find((i) => i.kind === 'conditionDue')).toMatchObject({
      reviewId: second,
      title: 'Loyalty offers',
      detail: 'Delete scores after 90 days',
      dueAt: day(T0 + 10 * DAY),
      overdue: false,
    });
    expect(inbox.items.find((i) => i.kind === 'reReviewDue')).toMatchObject({
      reviewId: second,
      overdue: false,
    });

    // A month on: the condition, the re-review and Amara's training are overdue, and come first,
    // longest overdue first.
    nowMs = T0 + 31 * DAY;
    inbox = await s.listNotifications({});
    expect(kinds(inbox.items)).toEqual([
      'conditionDue (overdue)',
      'reReviewDue (overdue)',
      ...Array(5).fill('trainingOverdue (overdue)'),
      'changesRequested',
    ]);
    // As of the services' clock.
    expect(Date.parse(inbox.asOf)).toBeGreaterThan(T0 + 31 * DAY);
    expect(Date.parse(inbox.asOf)).toBeLessThanOrEqual(nowMs);
  });
});

describe('OS notifications', () => {
  it('are raised through the host at most once per item per day, never in quiet hours, never for a kind opted out of', async () => {
    const notify = vi.fn();
    const { env, s } = await team(notify);
    const inbox = await s.listNotifications({});
    expect(inbox.items.every((i) => i.notifyNow)).toBe(true);
    const worded = inbox.items.map((i) => ({ id: i.id, title: 'Training due soon', body: i.title }));

    const first = await s.raiseNotifications({
      notifications: [...worded, { id: 'trainingOverdue:made-up:2026-01-01', title: 'Made up', body: 'x' }],
    });
    expect(first.raised).toEqual(inbox.items.map((i) => i.id));
    expect(notify).toHaveBeenCalledTimes(5);
    expect(notify).toHaveBeenCalledWith({
      id: worded[0]!.id,
      title: 'Training due soon',
      body: worded[0]!.body,
    });

    // The same day: listed, but not raised again.
    expect((await s.listNotifications({})).items.every((i) => !i.notifyNow)).toBe(true);
    expect((await s.raiseNotifications({ notifications: worded })).raised).toEqual([]);
    expect(notify).toHaveBeenCalledTimes(5);

    // The next day, once more; but not in quiet hours, and not for a kind opted out of.
    nowMs += DAY;
    const quiet = { from: '00:00', to: '23:59' };
    expect(inQuietHours(quiet, clock())).toBe(true);
    await s.setReminderSettings({ optOut: [], quietHours: quiet });
    expect((await s.raiseNotifications({ notifications: worded })).raised).toEqual([]);
    await s.setReminderSettings({ optOut: ['trainingDueSoon'], quietHours: null });
    expect((await s.listNotifications({})).items.some((i) => i.notifyNow)).toBe(false);
    expect((await s.raiseNotifications({ notifications: worded })).raised).toEqual([]);
    expect(notify).toHaveBeenCalledTimes(5);
    await s.setReminderSettings({ optOut: [], quietHours: null });
    expect((await s.raiseNotifications({ notifications: worded })).raised).toHaveLength(5);
    expect(notify).toHaveBeenCalledTimes(10);

    // Preferences and "raised today" live in the settings file, never in the ledger.
    const settingsFile = fs.readFileSync(path.join(env.userDataDir, 'settings.json'), 'utf8');
    expect(JSON.parse(settingsFile).reminders).toMatchObject({ optOut: [], quietHours: null });
    const me = (await s.getCurrentProfile({}))!;
    const ledger = await readLedgerFile(
      stewardWorkspace(path.join(env.userDataDir, 'workspace')),
      `${me.id}.jsonl`,
      { depth: 'quick' },
    );
    // (Besides the training done here and the witness checkpoints core writes of the heads it saw.)
    expect(
      ledger.entries
        .map((e) => e.type)
        .filter((t) => !t.startsWith('training.') && !t.startsWith('witness.')),
    ).toEqual(['profile.created']);
  });

  it('are never raised by a host that has none (the preview, tests), and the settings say so', async () => {
    const { s } = await team();
    expect(await s.getReminderSettings({})).toEqual({ optOut: [], quietHours: null, canNotify: false });
    const inbox = await s.listNotifications({});
    expect(inbox.items.length).toBeGreaterThan(0);
    expect(inbox.items.some((i) => i.notifyNow)).toBe(false);
    const worded = inbox.items.map((i) => ({ id: i.id, title: 'Due', body: i.title }));
    expect(await s.raiseNotifications({ notifications: worded })).toEqual({ raised: [] });
  });

  it('keeps quiet hours across midnight and across a restart', async () => {
    const at = (h: number, m = 0) => new Date(2026, 2, 2, h, m);
    const night = { from: '22:00', to: '07:00' };
    expect([at(21, 59), at(22), at(3), at(6, 59), at(7), at(12)].map((d) => inQuietHours(night, d))).toEqual([
      false,
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(inQuietHours({ from: '09:00', to: '09:00' }, at(9))).toBe(false);

    const env = await tempServices({ prefix: 'steward-reminder-settings-', now: clock });
    envs.push(env);
    await env.services.setReminderSettings({ optOut: ['reReviewDue', 'reReviewDue'], quietHours: night });
    await env.handle.close();
    const again = await testServices({
      userDataDir: env.userDataDir,
      contentDir: env.contentDir,
      now: clock,
    });
    expect(await again.services.getReminderSettings({})).toEqual({
      optOut: ['reReviewDue'],
      quietHours: night,
      canNotify: false,
    });
    await again.close();
  });
});

describe("a manager's calendar of due dates", () => {
  it('is an .ics of the overdue and due-soon people’s modules, saved and accounted for in the ledger', async () => {
    const { env, s, amara } = await team();
    nowMs = T0 + 31 * DAY;
    const mira = await s.createProfile({ name: 'Mira Okonkwo', email: 'mira@example.com', team: 'Product' });
    grant(env.contentDir, mira, 'managers');
    const saved = await s.saveDueDatesCalendar({});
    expect(saved.file).not.toBeNull();
    expect(saved.events).toBeGreaterThanOrEqual(5);
    const text = fs.readFileSync(saved.file!, 'utf8');
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded.match(/^BEGIN:VEVENT$/gm)).toHaveLength(saved.events);
    expect(unfolded).toContain(
      `SUMMARY:Overdue: Our rights in practice (${amara.name})`.replace(
        'Our rights in practice',
        titleOf(env, 'peoples-rights'),
      ),
    );
    expect(unfolded).toMatch(
      new RegExp(
        `^DTSTART;VALUE=DATE:${day(Date.parse(amara.createdAt) + 30 * DAY).replace(/-/g, '')}$`,
        'm',
      ),
    );
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);

    const ledger = await readLedgerFile(
      stewardWorkspace(path.join(env.userDataDir, 'workspace')),
      `${mira.id}.jsonl`,
      { depth: 'quick' },
    );
    const exported = ledger.entries.find((e) => e.type === 'records.exported');
    expect(exported?.data).toMatchObject({
      format: 'ics',
      fileName: path.basename(saved.file!),
      rows: saved.events,
      pseudonymised: false,
    });
  });
});

function titleOf(env: TempServices, moduleId: string): string {
  for (const name of fs.readdirSync(path.join(env.contentDir, 'modules'))) {
    const text = fs.readFileSync(path.join(env.contentDir, 'modules', name), 'utf8');
    if (new RegExp(`^id: ${moduleId}$`, 'm').test(text)) return /^title: (.*)$/m.exec(text)![1]!;
  }
  throw new Error(moduleId);
}
