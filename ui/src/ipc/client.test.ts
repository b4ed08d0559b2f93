import { describe, expect, it } from 'vitest';
import { call, toIpcError } from './client';
import { verbatim } from '../i18n';
import { tenant } from '../test/fixtures';
import { mockCommands } from '../test/ipc';

describe('ipc client', () => {
  it('passes arguments and returns the result', async () => {
    mockCommands({ get_tenant: ({ tenantId }) => tenant(tenantId, 'orders') });
    await expect(call('get_tenant', { tenantId: 7 })).resolves.toMatchObject({ id: 7, name: 'orders' });
  });

  it('keeps the shell error code for the UI to branch on', async () => {
    const message = { 'en-US': 'tenant 7 is not in the cache', 'zh-CN': '缓存中没有租户 7' };
    // Without `nearest`, as a rejection that is not the shell's own may come: the client fills it in.
    mockCommands({ get_tenant: () => Promise.reject({ code: 'NOT_FOUND', message, field: null }) });
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
