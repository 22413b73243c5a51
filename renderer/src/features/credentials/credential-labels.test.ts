import { describe, expect, it } from 'vitest';
import { bindingSummary } from './credential-labels';

describe('bindingSummary', () => {
  it('names assets and tags, or nothing', () => {
    expect(bindingSummary({ boundAssetIds: [1, 2, 3], boundTags: ['linux', 'dmz'] })).toBe('3 assets · tags linux, dmz');
    expect(bindingSummary({ boundAssetIds: [1], boundTags: [] })).toBe('1 asset');
    expect(bindingSummary({ boundAssetIds: [], boundTags: [] })).toBe('');
  });
});
