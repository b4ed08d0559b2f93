import { afterEach, describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { i18n } from '../i18n';
import { IpcErrorAlert } from './IpcErrorAlert';

describe('a refusal from the desk', () => {
  afterEach(() => i18n.changeLanguage('en-US'));

  it('reads in the current language and is re-worded when the language changes', async () => {
    const error = {
      code: 'FULL_BACKUP_NEEDED',
      message: {
        'en-US': 'Full data backup needed before incremental data backup',
        'zh-CN': '增量数据备份前需要先完成一次全量数据备份',
      },
      field: 'method',
      nearest: null,
    } as const;
    render(<IpcErrorAlert error={error} />);
    expect(screen.getByText('Full data backup needed before incremental data backup')).toBeTruthy();
    await act(() => i18n.changeLanguage('zh-CN'));
    expect(screen.getByText('增量数据备份前需要先完成一次全量数据备份')).toBeTruthy();
    expect(screen.queryByText('Full data backup needed before incremental data backup')).toBeNull();
    expect(screen.getByText('错误码 FULL_BACKUP_NEEDED')).toBeTruthy();
  });
});
