import { plural } from '../../lib/format';
import type { InventoryView } from '../shell/route';

/** What can be done to the selected rows of a list, with the selection count. */
export function BulkActionsBar({
  view,
  count,
  busy,
  onAccept,
  onDismiss,
  onRetire,
  onSetAccess,
  onClear,
}: {
  view: InventoryView;
  count: number;
  busy: boolean;
  onAccept: () => void;
  onDismiss: () => void;
  onRetire: () => void;
  onSetAccess: () => void;
  onClear: () => void;
}) {
  if (count === 0) return null;
  // Each list offers only the moves that make sense from it (the host allows the same ones).
  const canAccept = view === 'unreviewed' || view === 'dismissed';
  const canDismiss = view === 'unreviewed';
  const canRetire = view === 'active' || view === 'stale';
  return (
    <div className="bulk-bar" role="toolbar" aria-label="Selected assets" data-testid="bulk-bar">
      <strong data-testid="bulk-count">{plural(count, 'asset')} selected</strong>
      <div className="bulk-bar__actions">
        {canAccept ? (
          <button type="button" className="button button--primary" disabled={busy} onClick={onAccept} data-testid="bulk-accept">
            Accept into inventory
          </button>
        ) : null}
        {canDismiss ? (
          <button type="button" className="button" disabled={busy} onClick={onDismiss} data-testid="bulk-dismiss">
            Dismiss
          </button>
        ) : null}
        {canRetire ? (
          <button type="button" className="button" disabled={busy} onClick={onSetAccess} data-testid="bulk-set-access">
            Set access…
          </button>
        ) : null}
        {canRetire ? (
          <button type="button" className="button" disabled={busy} onClick={onRetire} data-testid="bulk-retire">
            Retire…
          </button>
        ) : null}
        <button type="button" className="button button--ghost" onClick={onClear}>
          Clear selection
        </button>
      </div>
    </div>
  );
}
