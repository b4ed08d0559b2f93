import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { answer, renderWith } from '../../test/render';
import { settings } from '../../test/fixtures';
import { StrategyDialog } from './StrategyDialog';

const day = (d: number, h: number) => Date.UTC(2026, 10, d, h) * 1000;

describe('the strategy form', () => {
  it('previews the next five runs and saves what the operator chose', async () => {
    const previews: unknown[] = [];
    const saved: unknown[] = [];
    answer({
      get_settings: () => settings,
      time_zones: () => ['Asia/Shanghai', 'UTC'],
      secret_backend: () => ({ kind: 'keyring' }),
      preview_strategy: (args) => {
        previews.push(args.strategy);
        return [1, 2, 3, 4, 5].map((i) => ({ at: day(24 + i, 18), method: i === 1 ? 'FULL' : 'INCREMENTAL' }));
      },
      save_strategy: (args) => {
        saved.push(args);
        return null;
      },
    });
    renderWith(
      <StrategyDialog open cluster={3} scope={{ level: 'tenant', obTenantId: 1002, tenantName: 'trade' }} onClose={() => undefined} onSaved={() => undefined} />,
    );
    const runs = await screen.findByLabelText('Next 5 runs');
    await waitFor(() => expect(runs.querySelectorAll('li')).toHaveLength(5));
    expect(runs.textContent).toContain('2026-11-26 02:00:00 UTC+08:00');
    fireEvent.change(screen.getByLabelText('Path'), { target: { value: '/data/backup' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and Apply' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({ id: null, secret: null, strategy: { storage: { kind: 'FILE', path: '/data/backup' } } });
  });
});
