import { describe, expect, it } from 'vitest';
import { mockIPC } from '@tauri-apps/api/mocks';
import { call, toIpcError } from './client';
import { verbatim } from '../i18n';

describe('ipc client', () => {
  it('passes arguments and returns the result', async () => {
    mockIPC((cmd, args) => (cmd === 'get_tenant' ? { id: (args as { tenantId: number }).tenantId } : null));
    await expect(call('get_tenant', { tenantId: 7 })).resolves.toMatchObject({ id: 7 });
  });

  it('keeps the shell error code for the UI to branch on', async () => {
    const message = { 'en-US': 'tenant 7 is not in the cache', 'zh-CN': '缓存中没有租户 7' };
    mockIPC(() => Promise.reject({ code: 'NOT_FOUND', message, field: null }));
    await expect(call('get_tenant', { tenantId: 7 })).rejects.toEqual({
      code: 'NOT_FOUND',
      message,
      field: null,
      nearest: null,
    });
  });

  it('turns a bare Tauri failure into an INTERNAL error', () => {
    expect(toIpcError('command foo not found')).toEqual({
      code: 'INTERNAL',
      message: verbatim('command foo not found'),
      field: null,
      nearest: null,
    });
    expect(toIpcError(new Error('boom')).message).toEqual({ 'en-US': 'boom', 'zh-CN': 'boom' });
  });
});
