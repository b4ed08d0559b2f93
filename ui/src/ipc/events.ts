// Events from the shell. The cache changed: every query re-reads it (pages
// never show a stale cache; forms keep their own state and are not reset).
import { useEffect } from 'react';
import { listen } from '@tauri-apps/api/event';
import { App as AntApp } from '@oceanbase/design';
import { useQueryClient } from '@tanstack/react-query';
import { EVENTS, type Notice, type NoticeKind } from './bindings';

export function useCacheChangedRefresh() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const unlisten = listen(EVENTS.cacheChanged, () => {
      void queryClient.invalidateQueries();
    });
    return () => {
      unlisten.then((off) => off()).catch(() => undefined);
    };
  }, [queryClient]);
}

// Failures stay until closed; good news goes by itself.
const TOAST: Record<NoticeKind, { type: 'success' | 'error' | 'warning'; seconds: number }> = {
  taskCompleted: { type: 'success', seconds: 10 },
  taskFailed: { type: 'error', seconds: 0 },
  dataBackupTimeout: { type: 'warning', seconds: 0 },
  logLatency: { type: 'warning', seconds: 0 },
  noDataBackup: { type: 'warning', seconds: 0 },
};

/** Shows the shell's notices as toasts (the desktop shows them too, where it can). */
export function useNoticeToasts() {
  const { notification } = AntApp.useApp();
  useEffect(() => {
    const unlisten = listen<Notice>(EVENTS.notice, ({ payload }) => {
      const look = TOAST[payload.kind];
      notification[look.type]({
        key: payload.key,
        message: payload.title,
        description: payload.body,
        placement: 'bottomRight',
        duration: look.seconds,
      });
    });
    return () => {
      unlisten.then((off) => off()).catch(() => undefined);
    };
  }, [notification]);
}
