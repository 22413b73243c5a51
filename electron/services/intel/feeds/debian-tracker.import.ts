/**
 * The Debian security tracker as an import plan: the whole file replaces the previous one. The
 * file is read package by package while the rows are written, inside the import's transaction,
 * so a file found truncated half-way rolls back everything it wrote.
 */
import type { ImportPlan } from './import-plan';
import { readDebianTracker } from './parsers/debian-tracker.parser';

/** Plans the import of the tracker's JSON bytes. */
export function planDebianTrackerImport(bytes: Uint8Array, what: string): ImportPlan {
  return {
    kind: 'debian-tracker',
    scope: '',
    mode: 'replace',
    // The tracker's JSON carries no version or date of its own: its retrieval time stands for it.
    feedVersion: null,
    feedDate: null,
    warnings: [],
    clear: (repository) => repository.clearDebianTracker(),
    write(repository, feedId) {
      const counts = readDebianTracker(bytes, what, (issue) => {
        repository.insertTrackerIssue(feedId, issue);
        for (const release of issue.releases) {
          repository.insertAffected(feedId, {
            source: 'debian-tracker',
            distribution: 'debian',
            release: release.release,
            ecosystem: `debian:${release.release}`,
            package: issue.package,
            vulnId: issue.issueId,
            advisoryId: null,
            status: release.status,
            fixedVersion: release.fixedVersion,
            urgency: release.urgency,
            note: release.note,
          });
        }
      });
      return { recordCount: counts.issues, warnings: counts.warnings };
    },
  };
}
