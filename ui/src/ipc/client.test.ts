import { describe, expect, it } from 'vitest';
import { call, toIpcError } from './client';
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

  it('introduces a failure of Tauri’s own in the user’s language', () => {
    const e = toIpcError('command foo not found');
    expect(e.code).toBe('INTERNAL');
    expect(e.message['en-US']).toBe('The desk failed inside (please report it): command foo not found');
    expect(e.message['zh-CN']).toBe('桌面端内部出错（请报告）：command foo not found');
    expect(toIpcError(new Error('boom')).message['en-US']).toMatch(/boom$/);
  });

  it('turns arguments Tauri could not read into a refusal of the field, without the command’s names', () => {
    const e = toIpcError(
      'invalid args `strategy` for command `preview_strategy`: timeOfDay: must be HH:MM, between 00:00 and 23:59',
    );
    expect(e).toEqual({
      code: 'INVALID_INPUT',
      field: 'timeOfDay',
      message: { 'en-US': 'must be HH:MM, between 00:00 and 23:59', 'zh-CN': '输入无效：must be HH:MM, between 00:00 and 23:59' },
      nearest: null,
    });
    const bare = toIpcError('invalid args `req` for command `backup_tenant`: missing field `cluster`');
    expect(bare.field).toBeNull();
    expect(bare.message['en-US']).not.toMatch(/backup_tenant|`req`/);
  });
});
