import { plural } from '../../lib/format';

/** How many bindings a save adds and removes. */
export interface BindingChange {
  addAssets: number;
  addTags: number;
  removeAssets: number;
  removeTags: number;
}

/** "bind 2 assets and 1 tag, unbind 1 asset": what saving the bind dialog will do, in words. */
export function describeBindingChange(change: BindingChange): string {
  const list = (assets: number, tags: number) => [assets ? plural(assets, 'asset') : '', tags ? plural(tags, 'tag') : ''].filter(Boolean).join(' and ');
  const parts = [];
  if (change.addAssets || change.addTags) parts.push(`bind ${list(change.addAssets, change.addTags)}`);
  if (change.removeAssets || change.removeTags) parts.push(`unbind ${list(change.removeAssets, change.removeTags)}`);
  return parts.join(', ') || 'no change';
}
