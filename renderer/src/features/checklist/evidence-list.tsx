import type { ChecklistEvidence } from '../../../../shared/contract';
import { Icon } from '../../components/icon';
import { formatBytes, linkLabel, safeHref, shortSha } from './evidence-format';

/**
 * Evidence attached to an item: links open in a new tab without giving the page a handle on
 * Patchdesk (noopener, noreferrer); files show name, size and the start of their SHA-256 (the
 * bytes stay in the data folder and go into the evidence pack).
 */
export function EvidenceList({ evidence, testId }: { evidence: readonly ChecklistEvidence[]; testId?: string }) {
  if (evidence.length === 0) return null;
  return (
    <ul className="checklist-evidence" data-testid={testId}>
      {evidence.map((each, index) => {
        if (each.kind === 'link') {
          const href = safeHref(each.url);
          return (
            <li key={index} className="checklist-evidence__item" data-kind="link">
              <Icon name="file" size={13} />
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer" title={each.url} className="checklist-evidence__link">
                  {linkLabel(each)}
                </a>
              ) : (
                <span className="mono">{each.url}</span>
              )}
            </li>
          );
        }
        return (
          <li key={index} className="checklist-evidence__item" data-kind="file" title={`SHA-256 ${each.sha256}`}>
            <Icon name="file" size={13} />
            <span className="checklist-evidence__name">{each.name}</span>
            <span className="muted">{formatBytes(each.size)}</span>
            <span className="mono muted checklist-evidence__sha">sha256 {shortSha(each.sha256)}…</span>
          </li>
        );
      })}
    </ul>
  );
}
