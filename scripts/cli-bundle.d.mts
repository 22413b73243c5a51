/** Where the CLI's bundle lives (dist/cli/patchdesk.mjs). */
export const CLI_BUNDLE: string;
/** True when the bundle exists and none of the sources it was built from is newer. */
export function cliBundleIsFresh(bundle?: string): boolean;
/** Builds the bundle (atomically, safe with concurrent builders), or one of another entry point the same way; resolves with its path. */
export function buildCliBundle(bundle?: string, entry?: string): Promise<string>;
