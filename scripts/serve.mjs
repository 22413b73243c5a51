// `npm run serve`: build the UI if needed, then run the browser host in this process.
import { register } from 'tsx/esm/api';
import { ensureRendererBuilt } from './renderer-build.mjs';

if (!ensureRendererBuilt()) {
  console.error('patchdesk serve: building the user interface failed (see above).');
  process.exit(1);
}
register();
await import('../electron/host/serve.ts');
