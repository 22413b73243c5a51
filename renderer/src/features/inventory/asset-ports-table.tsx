import type { OpenPort } from '../../../../shared/contract';

/** Open ports with service and banner, as the last scan or import saw them. */
export function AssetPortsTable({ ports }: { ports: readonly OpenPort[] }) {
  if (ports.length === 0) return <p className="muted">No open ports recorded.</p>;
  return (
    <table className="simple-table" data-testid="asset-ports">
      <thead>
        <tr>
          <th scope="col">Port</th>
          <th scope="col">Service</th>
          <th scope="col">Banner</th>
        </tr>
      </thead>
      <tbody>
        {[...ports]
          .sort((a, b) => a.port - b.port)
          .map((port) => (
            <tr key={`${port.protocol}-${port.port}`}>
              <td className="mono">
                {port.port}/{port.protocol}
              </td>
              <td>{port.service || <span className="muted">—</span>}</td>
              <td className="mono banner-cell" title={port.banner}>
                {port.banner || <span className="muted">—</span>}
              </td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}
