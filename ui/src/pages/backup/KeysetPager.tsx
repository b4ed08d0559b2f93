// Previous / Next over keyset pages: the list keeps the cursor each page started at.
import { useState } from 'react';
import { Button, Space, Typography } from '@oceanbase/design';
import type { PageCursor } from '../../ipc/bindings';
import { useT } from '../../i18n';

export interface Pages {
  after: PageCursor | null;
  page: number;
  next: (cursor: PageCursor) => void;
  previous: () => void;
  reset: () => void;
}

export function usePages(): Pages {
  const [starts, setStarts] = useState<(PageCursor | null)[]>([null]);
  return {
    after: starts[starts.length - 1],
    page: starts.length,
    next: (cursor) => setStarts((s) => [...s, cursor]),
    previous: () => setStarts((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    reset: () => setStarts([null]),
  };
}

export function KeysetPager({ pages, nextCursor }: { pages: Pages; nextCursor: PageCursor | null | undefined }) {
  const t = useT();
  return (
    <Space className="keyset-pager">
      <Button size="small" disabled={pages.page === 1} onClick={pages.previous}>
        {t('pager.previous')}
      </Button>
      <Typography.Text type="secondary">{t('pager.page', { page: pages.page })}</Typography.Text>
      <Button size="small" disabled={!nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
        {t('pager.next')}
      </Button>
    </Space>
  );
}
