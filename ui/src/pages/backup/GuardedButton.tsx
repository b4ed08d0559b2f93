// A button that is either usable or disabled with its reason on hover: the
// header actions, the task rows' actions and the log backup switch all work so.
import type { ReactNode } from 'react';
import { Button, Tooltip } from '@oceanbase/design';
import type { ButtonProps } from '@oceanbase/design';

export function GuardedButton({
  reason,
  onClick,
  children,
  ...look
}: { reason: string | null; onClick?: () => void; children: ReactNode } & Pick<ButtonProps, 'type' | 'size' | 'danger'>) {
  if (reason === null) {
    return (
      <Button {...look} onClick={onClick}>
        {children}
      </Button>
    );
  }
  // A disabled button swallows pointer events: the wrapper carries the tooltip.
  return (
    <Tooltip title={reason}>
      <span className="disabled-action" data-reason={reason}>
        <Button {...look} disabled>
          {children}
        </Button>
      </span>
    </Tooltip>
  );
}
