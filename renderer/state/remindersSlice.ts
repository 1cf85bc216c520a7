// Reminders: the inbox core computed (what is due, overdue or waiting for this person) and this
// computer's notification preferences. Core decides what is listed and which reminders may be
// raised as OS notifications now; the renderer only words them (in the interface language) and
// hands the words back to core, which raises those it still allows.
import type { StateCreator } from 'zustand';
import type {
  NotificationItem,
  NotificationsView,
  ReminderSettings,
} from '../../electron/core/contract/views/reminders';
import type { ArgsOf } from '../../electron/core/contract/methods';
import { api } from '../api';
import { createTracker } from './requests';
import type { StewardState } from './store';

/** An OS notification's words for an inbox item. */
export type WordNotification = (item: NotificationItem) => { title: string; body: string };

export interface RemindersSlice {
  notifications: NotificationsView | null;
  reminderSettings: ReminderSettings | null;
  /** Reads the inbox; with `word`, raises the OS notifications core allows now, in those words. */
  loadNotifications: (word?: WordNotification) => Promise<NotificationsView | null>;
  loadReminderSettings: () => Promise<ReminderSettings | null>;
  saveReminderSettings: (settings: ArgsOf<'setReminderSettings'>) => Promise<ReminderSettings | null>;
  resetReminders: () => void;
}

export const createRemindersSlice: StateCreator<StewardState, [], [], RemindersSlice> = (set) => {
  const track = createTracker(set);
  return {
    notifications: null,
    reminderSettings: null,

    loadNotifications: (word) =>
      track('listNotifications', async () => {
        const view = await api().listNotifications();
        set({ notifications: view });
        const due = view.items.filter((item) => item.notifyNow);
        if (word && due.length > 0) {
          await api().raiseNotifications({
            notifications: due.map((item) => ({ id: item.id, ...word(item) })),
          });
        }
        return view;
      }),

    loadReminderSettings: () =>
      track('getReminderSettings', async () => {
        const reminderSettings = await api().getReminderSettings();
        set({ reminderSettings });
        return reminderSettings;
      }),

    saveReminderSettings: (settings) =>
      track('setReminderSettings', async () => {
        const reminderSettings = await api().setReminderSettings(settings);
        set({ reminderSettings });
        return reminderSettings;
      }),

    resetReminders: () => set({ notifications: null }),
  };
};
