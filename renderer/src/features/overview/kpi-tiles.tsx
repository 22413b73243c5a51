import type { KpiTile } from './kpi-model';

/** The headline figures; each tile is a link to the screen where its number is brought down. */
export function KpiTiles({ tiles }: { tiles: readonly KpiTile[] }) {
  return (
    <ul className="kpi-tiles" aria-label="Headline figures">
      {tiles.map((tile) => (
        <li key={tile.id} className="kpi-tiles__item">
          <a href={tile.href} className={`kpi-tile kpi-tile--${tile.tone}`} data-testid={`kpi-${tile.id}`} data-tone={tile.tone} title={`${tile.hint}\n${tile.detail}${tile.note ? ` · ${tile.note}` : ''}`}>
            <span className="kpi-tile__label">{tile.label}</span>
            <span className="kpi-tile__value" data-testid={`kpi-${tile.id}-value`}>
              {tile.value}
            </span>
            <span className="kpi-tile__detail">{tile.detail}</span>
            {tile.note ? <span className="kpi-tile__note">{tile.note}</span> : null}
            <span className="visually-hidden">. {tile.action}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
