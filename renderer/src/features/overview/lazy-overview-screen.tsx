import { lazy, Suspense } from 'react';

// The charts library is the largest dependency of the UI; it loads with the dashboard, in its own chunk.
const OverviewScreen = lazy(() => import('./overview-screen').then((module) => ({ default: module.OverviewScreen })));

/** The overview screen, loaded on first use. */
export function LazyOverviewScreen() {
  return (
    <Suspense fallback={<div className="skeleton-block" aria-busy="true" aria-label="Loading the overview" />}>
      <OverviewScreen />
    </Suspense>
  );
}
