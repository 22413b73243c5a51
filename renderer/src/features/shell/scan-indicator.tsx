import { Icon } from '../../components/icon';
import { useRunningScans } from '../discovery/use-scan-jobs';
import { useRoute } from './use-route';

/** A top-bar chip while a scan runs, so it is never lost when working elsewhere. */
export function ScanIndicator() {
  const running = useRunningScans();
  const { navigate } = useRoute();
  const scan = running[0];
  if (!scan) return null;
  const percent = scan.totalAddresses > 0 ? Math.floor((scan.probedAddresses / scan.totalAddresses) * 100) : 0;
  return (
    <button type="button" className="scan-chip" onClick={() => navigate({ screen: 'scan' })} data-testid="scan-indicator">
      <Icon name="scan" />
      Scanning {percent}%{running.length > 1 ? ` (+${running.length - 1})` : ''}
    </button>
  );
}
