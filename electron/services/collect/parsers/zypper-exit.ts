/** How a zypper exit code bears on the output that came with it. */
export type ZypperExit = { usable: true; warning?: string } | { usable: false; error: string };

const ERRORS: Record<number, string> = {
  1: 'zypper bug (exit 1)',
  2: 'zypper syntax error (exit 2)',
  3: 'invalid zypper arguments (exit 3)',
  4: 'libzypp error (exit 4)',
  5: 'insufficient privileges (exit 5)',
  6: 'no repositories defined (exit 6)',
  7: 'the package manager is locked by another process; retry (exit 7)',
  8: 'commit error (exit 8)',
  104: 'capability not found (exit 104)',
  105: 'interrupted by a signal (exit 105)',
};

const WARNINGS: Record<number, string> = {
  103: 'zypper updated itself (exit 103); run the query again for a complete list',
  106: 'some repositories were skipped (exit 106); the list may be incomplete',
  107: 'an rpm scriptlet failed (exit 107)',
};

/**
 * Interprets a zypper exit code. 0 and the informational 100 (patches needed), 101 (security
 * patches needed) and 102 (reboot needed) leave the output complete; 103, 106 and 107 leave it
 * usable with a warning; the error codes mean the output cannot be trusted.
 */
export function interpretZypperExit(exitCode: number | undefined): ZypperExit {
  if (exitCode === undefined || exitCode === 0 || exitCode === 100 || exitCode === 101 || exitCode === 102) return { usable: true };
  const warning = WARNINGS[exitCode];
  if (warning) return { usable: true, warning };
  return { usable: false, error: ERRORS[exitCode] ?? `zypper failed with exit code ${exitCode}` };
}
