import { useEffect, useState } from 'react';
import type { Asset } from '../../../../shared/contract';
import { formatRoute, isLandingHash } from '../shell/route';
import { landingScreen } from './overview-entry';

/**
 * Opens the overview when the app starts on a bare URL and the site has assets. Returns true
 * while that is still being decided (the assets are loading), so the shell does not flash the
 * inventory first. The move replaces the history entry, so Back does not return to a blank URL.
 */
export function useLandingRedirect(assets: { data: readonly Pick<Asset, 'status'>[] | undefined; error: unknown }): boolean {
  const [deciding, setDeciding] = useState(() => isLandingHash(window.location.hash));
  useEffect(() => {
    if (!deciding) return;
    if (assets.data === undefined && !assets.error) return;
    if (assets.data && isLandingHash(window.location.hash) && landingScreen(assets.data) === 'overview') window.location.replace(formatRoute({ screen: 'overview' }));
    setDeciding(false);
  }, [deciding, assets.data, assets.error]);
  return deciding;
}
