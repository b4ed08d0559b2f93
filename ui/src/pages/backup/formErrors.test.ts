import { describe, expect, it } from 'vitest';
import { placeError } from './formErrors';
import { verbatim } from '../../i18n';

describe('refusals in place', () => {
  it('go under the field they name', () => {
    const message = { 'en-US': 'Full data backup needed before incremental data backup', 'zh-CN': '增量备份前需要先做全量备份' };
    const err = { code: 'FULL_BACKUP_NEEDED', message, field: 'method', nearest: null } as const;
    expect(placeError(err, ['method', 'plusArchivelog'])).toEqual({ field: 'method', message: err.message });
  });

  it('go above the form when the field is not on it', () => {
    const err = { code: 'UNREACHABLE', message: verbatim('no answer'), field: null, nearest: null } as const;
    expect(placeError(err, ['method'])).toEqual({ field: null, message: verbatim('no answer') });
    expect(placeError({ ...err, field: 'storage' }, ['method']).field).toBeNull();
  });
});
