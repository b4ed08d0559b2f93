// When a strategy's run falls: in the display zone, and also in the strategy's own zone
// when that differs (its days and time of day are the strategy zone's).
import { Typography } from '@oceanbase/design';
import { useT } from '../../i18n';
import { formatInstant, instantParts } from '../../time/format';

export function RunTime({ at, displayZone, strategyZone }: { at: number; displayZone: string; strategyZone: string }) {
  const t = useT();
  const shown = formatInstant(at, displayZone);
  const own = instantParts(at, strategyZone);
  if (own.offset === instantParts(at, displayZone).offset) return <>{shown}</>;
  return (
    <>
      {shown}{' '}
      <Typography.Text type="secondary">
        ({t('strategy.inStrategyZone', { time: `${own.local} ${own.offset}`, zone: strategyZone })})
      </Typography.Text>
    </>
  );
}
