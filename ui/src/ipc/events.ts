// Events from the shell. The cache changed: every query re-reads it (pages
// never show a stale cache; forms keep their own state and are not reset).
import { useEffect } from 'react';
import { listen } from '@tauri-apps/api/event';
import { useQueryClient } from '@tanstack/react-query';
import { EVENTS } from './bindings';

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
