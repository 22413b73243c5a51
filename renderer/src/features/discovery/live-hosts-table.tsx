import { Badge } from '../../components/badge';
import { formatCount } from '../../lib/format';
import { DEVICE_TYPE_LABELS, osLabel } from '../../lib/labels';
import type { LiveHost } from './scan-state';

/** Rendering is capped: a /16 can find thousands of hosts, the inventory lists them all anyway. */
const SHOWN = 500;

/** Hosts as they answer during a scan, newest first, marked new or known. */
export function LiveHostsTable({ hosts }: { hosts: readonly LiveHost[] }) {
  const shown = hosts.slice(-SHOWN).reverse();
  return (
    <div className="table-scroll table-scroll--live">
      <table className="simple-table live-hosts" data-testid="live-hosts">
        <thead>
          <tr>
            <th scope="col">Address</th>
            <th scope="col">Hostname</th>
            <th scope="col">Open ports</th>
            <th scope="col">OS / device guess</th>
            <th scope="col">
              <span className="visually-hidden">New or known</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((entry) => {
            const os = osLabel(entry.host.osFamily, entry.host.osName);
            const device = entry.host.deviceType === 'unknown' ? '' : DEVICE_TYPE_LABELS[entry.host.deviceType];
            return (
              <tr key={entry.host.address} data-testid="live-host" data-address={entry.host.address}>
                <td className="mono">{entry.host.address}</td>
                <td>{entry.host.hostname || <span className="muted">—</span>}</td>
                <td className="mono">{entry.host.openPorts.length ? entry.host.openPorts.map((port) => port.port).join(', ') : <span className="muted">—</span>}</td>
                <td>{[os, device].filter(Boolean).join(' · ') || <span className="muted">unknown</span>}</td>
                <td>
                  {entry.merge === 'new' ? (
                    <Badge tone="info" testId="live-host-new">
                      New
                    </Badge>
                  ) : (
                    <Badge testId="live-host-known">Known</Badge>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {hosts.length > SHOWN ? <p className="muted table-note">Showing the latest {SHOWN} of {formatCount(hosts.length)} hosts; all of them are in the inventory.</p> : null}
    </div>
  );
}
