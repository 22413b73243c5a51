/** Builds the renderer once before the end-to-end tests, as `npm run serve` would. */
import { ensureRendererBuilt } from '../../scripts/renderer-build.mjs';

export default function setup(): void {
  if (!ensureRendererBuilt({ quiet: true })) throw new Error('building the renderer failed');
}
