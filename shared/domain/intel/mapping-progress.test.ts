import { describe, expect, it } from 'vitest';
import { MAPPING_CURRENT, mappingInProgressText, mappingNotice } from './mapping-progress';

describe('mapping progress words', () => {
  it('says how many assets wait, and nothing when current', () => {
    expect(mappingInProgressText(1)).toBe('mapping in progress for 1 asset');
    expect(mappingInProgressText(3)).toBe('mapping in progress for 3 assets');
    expect(mappingNotice(MAPPING_CURRENT)).toBeNull();
    expect(mappingNotice({ current: false, pendingAssets: 2 })).toBe('CVE mapping in progress for 2 assets: their known-exploited fixes and KEV deadlines are not final, and they are not counted as clean.');
  });
});
