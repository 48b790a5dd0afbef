import { useCallback, useEffect, useState } from 'react';
import type { NotificationSettings } from '../../../../shared/notifications.ts';
import { ApiError } from '../../api.ts';
import { notificationsApi, type SettingsInput } from './notificationsApi.ts';

export interface NotificationSettingsState {
  /** As the server holds them; null while loading. */
  settings: NotificationSettings | null;
  loadFailed: boolean;
  saving: boolean;
  /** The answer of the last save: done, or the server's refusal (with the field it is about). */
  saved: 'idle' | 'saved' | ApiError;
  save(input: SettingsInput): Promise<void>;
}

/** The user's e-mail setting for notifications: loaded, and saved through the server, which checks it. */
export function useNotificationSettings(): NotificationSettingsState {
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<NotificationSettingsState['saved']>('idle');

  useEffect(() => {
    let active = true;
    notificationsApi.settings().then(
      (loaded) => active && setSettings(loaded),
      () => active && setLoadFailed(true),
    );
    return () => {
      active = false;
    };
  }, []);

  const save = useCallback(async (input: SettingsInput) => {
    setSaving(true);
    setSaved('idle');
    try {
      await notificationsApi.saveSettings(input);
      // What the server keeps is what the form shows next: ask it, not the form.
      setSettings(await notificationsApi.settings());
      setSaved('saved');
    } catch (error) {
      setSaved(error instanceof ApiError ? error : new ApiError(0, 'generic', String(error)));
    } finally {
      setSaving(false);
    }
  }, []);

  return { settings, loadFailed, saving, saved, save };
}
