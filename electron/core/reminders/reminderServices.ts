// Reminders as service methods: the inbox (computed from the same views the training and review
// screens show), OS notifications through the host (at most once per item per day, never in quiet
// hours, never for a kind the person opted out of: checked here, where they are raised), the
// notification preferences (settings store), and a manager's calendar of due dates (.ics, saved
// through the host's save dialog and accounted for in the ledger like any export). Nothing is
// sent anywhere: a notification is shown on this computer, a file is saved where the person says.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Services } from '../contract/methods';
import type { ProfileSummary } from '../contract/views/app';
import type { NotificationsView, ReminderSettings } from '../contract/views/reminders';
import type { ReviewCondition, ReviewLists, ReviewSummary } from '../contract/views/reviews';
import type { TrainingCatalogue } from '../contract/views/training';
import { StewardError } from '../errors';
import type { Ledger } from '../ledger';
import type { RecordsHost } from '../records/recordsServices';
import type { Settings } from '../settings/settingsStore';
import { dueDatesCalendar } from './calendar';
import { computeInbox, localDay, mayNotifyNow, notifiedKey, type NotifyRules } from './inbox';
import { exportsFolder } from '../paths';

export const REMINDER_METHODS = [
  'listNotifications',
  'raiseNotifications',
  'getReminderSettings',
  'setReminderSettings',
  'saveDueDatesCalendar',
] as const;
export type ReminderServices = Pick<Services, (typeof REMINDER_METHODS)[number]>;

/** What the host offers reminders: an OS notification (absent in the preview and tests). */
export interface ReminderHost extends Pick<RecordsHost, 'chooseSavePath'> {
  notify?: (n: { id: string; title: string; body: string }) => Promise<void> | void;
}

export interface ReminderDeps {
  settings: Settings;
  now: () => Date;
  userDataDir: string;
  currentProfile: () => ProfileSummary | null;
  ledger: () => Ledger;
  host: ReminderHost;
  /** The services the inbox is computed from (the same the screens call). */
  views: Pick<Services, 'listTrainingModules' | 'listReviews' | 'getReview' | 'getRecords'>;
  logError?: (where: string, error: unknown) => void;
}

/** How long "raised on day D" is remembered: long enough to cover any day boundary, short enough to stay small. */
const KEEP_NOTIFIED_DAYS = 3;

export function createReminderServices(deps: ReminderDeps): ReminderServices {
  function me(): ProfileSummary {
    const profile = deps.currentProfile();
    if (!profile) throw new StewardError('NO_PROFILE', 'Create or choose a profile first.');
    return profile;
  }

  function rules(profile: ProfileSummary): NotifyRules {
    const r = deps.settings.get().reminders;
    return {
      canNotify: Boolean(deps.host.notify),
      optOut: r.optOut,
      quietHours: r.quietHours,
      notified: r.notified,
      profileId: profile.id,
      now: deps.now(),
    };
  }

  async function conditionsOf(mine: readonly ReviewSummary[]): Promise<Map<string, ReviewCondition[]>> {
    const out = new Map<string, ReviewCondition[]>();
    for (const r of mine) {
      if (r.decision?.decision !== 'approvedWithConditions' || r.status === 'withdrawn') continue;
      out.set(r.reviewId, (await deps.views.getReview({ reviewId: r.reviewId })).conditions);
    }
    return out;
  }

  async function inbox(): Promise<NotificationsView> {
    const profile = me();
    const unavailable: NotificationsView['unavailable'] = [];
    let catalogue: TrainingCatalogue | null = null;
    try {
      catalogue = await deps.views.listTrainingModules({});
    } catch (error) {
      if (error instanceof StewardError && error.code === 'NO_PROFILE') throw error;
      deps.logError?.('listNotifications: training', error);
      unavailable.push('training');
    }
    let lists: ReviewLists | null = null;
    let conditions = new Map<string, ReviewCondition[]>();
    try {
      const read = await deps.views.listReviews({});
      conditions = await conditionsOf(read.mine);
      lists = read;
    } catch (error) {
      deps.logError?.('listNotifications: reviews', error);
      unavailable.push('reviews');
    }
    const now = deps.now();
    const dueSoonDays = catalogue?.dueSoonDays ?? 30;
    const items = computeInbox({
      now,
      dueSoonDays,
      modules: catalogue?.modules ?? [],
      queue: lists?.canReview ? lists.queue : [],
      mine: lists?.mine ?? [],
      decidedByMe: (lists?.all ?? []).filter((r) => r.decision?.by.id === profile.id),
      conditions,
    });
    const r = rules(profile);
    return {
      items: items.map((i) => ({ ...i, notifyNow: mayNotifyNow(i, r) })),
      asOf: now.toISOString(),
      dueSoonDays,
      unavailable,
    };
  }

  function reminderSettings(): ReminderSettings {
    const r = deps.settings.get().reminders;
    return { optOut: [...r.optOut], quietHours: r.quietHours, canNotify: Boolean(deps.host.notify) };
  }

  return {
    listNotifications: () => inbox(),

    async raiseNotifications({ notifications }) {
      const profile = me();
      const notify = deps.host.notify;
      if (!notify) return { raised: [] };
      // The page words them; core decides again, from the ledgers, which may be raised now.
      const view = await inbox();
      const eligible = new Map(view.items.filter((i) => i.notifyNow).map((i) => [i.id, i]));
      const today = localDay(deps.now());
      const raised: string[] = [];
      for (const n of notifications) {
        if (!eligible.has(n.id) || raised.includes(n.id)) continue;
        try {
          await notify({ id: n.id, title: n.title, body: n.body });
          raised.push(n.id);
        } catch (error) {
          deps.logError?.('raiseNotifications', error);
        }
      }
      if (raised.length > 0) {
        const current = deps.settings.get().reminders;
        const cutoff = localDay(new Date(deps.now().getTime() - KEEP_NOTIFIED_DAYS * 86_400_000));
        const notified: Record<string, string> = {};
        for (const [key, day] of Object.entries(current.notified)) if (day >= cutoff) notified[key] = day;
        for (const id of raised) notified[notifiedKey(profile.id, id)] = today;
        deps.settings.update({ reminders: { ...current, notified } });
      }
      return { raised };
    },

    async getReminderSettings() {
      return reminderSettings();
    },

    async setReminderSettings({ optOut, quietHours }) {
      const current = deps.settings.get().reminders;
      deps.settings.update({
        reminders: { ...current, optOut: [...new Set(optOut)], quietHours },
      });
      return reminderSettings();
    },

    async saveDueDatesCalendar() {
      me();
      const ledger = deps.ledger(); // the file is accounted for in your ledger: refuse now if it cannot be written
      const view = await deps.views.getRecords({});
      const events = dueDatesCalendar(view, deps.now());
      const day = deps.now().toISOString().slice(0, 10);
      const defaultName = `training-due-dates-${day}.ics`;
      const filters = [{ name: 'Calendar (iCalendar)', extensions: ['ics'] }];
      let outFile: string | null;
      if (deps.host.chooseSavePath) {
        outFile = await deps.host.chooseSavePath({ title: 'Save due dates', defaultName, filters });
      } else {
        // Hosts without a save dialog (the preview, tests) write into the user's export folder.
        const dir = exportsFolder(deps.userDataDir);
        fs.mkdirSync(dir, { recursive: true });
        outFile = path.join(dir, defaultName);
        for (let i = 2; fs.existsSync(outFile); i++)
          outFile = path.join(dir, `training-due-dates-${day}-${i}.ics`);
      }
      if (!outFile) return { file: null, events: 0 };
      const tmp = `${outFile}.saving-${process.pid}`;
      fs.writeFileSync(tmp, events.text);
      fs.renameSync(tmp, outFile);
      await ledger.append('records.exported', {
        format: 'ics',
        pseudonymised: false,
        fileName: path.basename(outFile),
        sha256: createHash('sha256').update(events.text).digest('hex'),
        rows: events.count,
        heads: view.heads,
      });
      return { file: outFile, events: events.count };
    },
  };
}
