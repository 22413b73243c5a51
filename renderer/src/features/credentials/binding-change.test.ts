import { describe, expect, it } from 'vitest';
import { describeBindingChange } from './binding-change';

describe('describeBindingChange', () => {
  it('says what a save binds and unbinds', () => {
    expect(describeBindingChange({ addAssets: 2, addTags: 1, removeAssets: 0, removeTags: 0 })).toBe('bind 2 assets and 1 tag');
    expect(describeBindingChange({ addAssets: 0, addTags: 0, removeAssets: 1, removeTags: 2 })).toBe('unbind 1 asset and 2 tags');
    expect(describeBindingChange({ addAssets: 1, addTags: 0, removeAssets: 1, removeTags: 0 })).toBe('bind 1 asset, unbind 1 asset');
    expect(describeBindingChange({ addAssets: 0, addTags: 0, removeAssets: 0, removeTags: 0 })).toBe('no change');
  });
});
