import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../core/dispatcher';
import { isDatabaseBusy, storageProblemOf } from './storage-error';

const coded = (code: string) => Object.assign(new Error(`failed with ${code}`), { code });

describe('storageProblemOf', () => {
  it('names read-only folders and full disks from SQLite and Node codes, and nothing else', () => {
    expect(['SQLITE_READONLY', 'SQLITE_READONLY_DIRECTORY', 'SQLITE_CANTOPEN', 'SQLITE_CANTOPEN_ISDIR', 'EACCES', 'EPERM', 'EROFS'].map((code) => storageProblemOf(coded(code)))).toEqual(Array(7).fill('read_only'));
    expect(['SQLITE_FULL', 'ENOSPC', 'EDQUOT'].map((code) => storageProblemOf(coded(code)))).toEqual(['disk_full', 'disk_full', 'disk_full']);
    expect(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_BUSY', 'ENOENT'].map((code) => storageProblemOf(coded(code)))).toEqual([null, null, null, null]);
    expect(storageProblemOf(new Error('no code'))).toBeNull();
    expect(isDatabaseBusy(coded('SQLITE_BUSY_SNAPSHOT'))).toBe(true);
    expect(isDatabaseBusy(coded('SQLITE_FULL'))).toBe(false);
  });

  it('turns a failed write into a storage error naming the data folder, and a lock held too long into "unavailable"', async () => {
    const failWith = (code: string) => createDispatcher({ 'sites:list': () => { throw coded(code); } } as unknown as Handlers, { dataDir: '/srv/patchdesk', reportInternalError: () => undefined });
    expect(await failWith('SQLITE_FULL').invoke('sites:list', {})).toEqual({ ok: false, error: { code: 'storage', message: expect.stringMatching(/^The disk holding the data folder \/srv\/patchdesk is full/) } });
    expect(await failWith('SQLITE_READONLY').invoke('sites:list', {})).toEqual({ ok: false, error: { code: 'storage', message: expect.stringMatching(/^The data folder \/srv\/patchdesk is read-only/) } });
    expect(await failWith('SQLITE_BUSY').invoke('sites:list', {})).toEqual({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('stayed locked by another Patchdesk process') } });
    expect(await failWith('SQLITE_CORRUPT').invoke('sites:list', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
