import { config } from 'zod';

// The page's CSP forbids eval; without this, zod probes `new Function` and the browser reports a
// CSP violation on every start. Imported first by main.tsx, before any schema parses.
config({ jitless: true });
