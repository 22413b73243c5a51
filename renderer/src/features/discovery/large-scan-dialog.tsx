import { LARGE_SCAN_THRESHOLD } from '../../../../shared/domain/network-targets';
import { Dialog } from '../../components/dialog';
import { formatCount } from '../../lib/format';

/** Asks before a scan larger than a /16: it takes long and is loud on the network. */
export function LargeScanDialog({ addressCount, message, onConfirm, onClose }: { addressCount: number; message: string; onConfirm: () => void; onClose: () => void }) {
  return (
    <Dialog
      title={`Scan ${formatCount(addressCount)} addresses?`}
      description={`That is more than ${formatCount(LARGE_SCAN_THRESHOLD)} addresses (a /16).`}
      onClose={onClose}
      size="small"
      testId="large-scan-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Go back
          </button>
          <button type="button" className="button button--primary" onClick={onConfirm} data-testid="large-scan-confirm">
            Scan {formatCount(addressCount)} addresses
          </button>
        </>
      }
    >
      <p>A scan this size can take a long time and may trip intrusion detection at the client. Check the targets are what you meant.</p>
      {message ? <p className="muted">{message}</p> : null}
    </Dialog>
  );
}
