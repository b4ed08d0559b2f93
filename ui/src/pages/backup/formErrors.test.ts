import { describe, expect, it } from 'vitest';
import { placeError } from './formErrors';

describe('refusals in place', () => {
  it('go under the field they name', () => {
    const err = { code: 'FULL_BACKUP_NEEDED', message: 'Full data backup needed before incremental data backup', field: 'method', nearest: null } as const;
    expect(placeError(err, ['method', 'plusArchivelog'])).toEqual({ field: 'method', message: err.message });
  });

  it('go above the form when the field is not on it', () => {
    const err = { code: 'UNREACHABLE', message: 'no answer', field: null, nearest: null } as const;
    expect(placeError(err, ['method'])).toEqual({ field: null, message: 'no answer' });
    expect(placeError({ ...err, field: 'storage' }, ['method']).field).toBeNull();
  });
});
