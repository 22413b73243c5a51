/**
 * Package history: what each asset had installed at each collection, kept as append-only version
 * intervals instead of the overwritten latest snapshot (installed_packages stays as it is).
 *
 * One row per (asset, name, arch, version) interval: first seen at a collection, ended at the
 * collection that no longer showed it (removed, or replaced by another version or dpkg status of
 * the same name and arch). "Last confirmed" of an OPEN interval is the asset's last collection
 * that fed the history (package_history_assets), so a collection that changes nothing writes one
 * row, not 2,000; an interval records its own last confirmation only when it ends.
 *
 * Backfill: the current installed_packages rows become open intervals first seen at the
 * collection that wrote them, marked `backfilled` so nobody reads that date as an install date;
 * the asset's measured history starts there. Instants are stored as toISOString() writes them
 * (UTC, milliseconds), so they compare as text; the backfill converts offsets the same way.
 */
export const migration0015 = {
  version: 15,
  name: 'package-history',
  sql: `
CREATE TABLE package_history_assets (
  asset_id INTEGER PRIMARY KEY REFERENCES assets(id) ON DELETE CASCADE,
  first_measured_at TEXT NOT NULL,
  first_collection_id INTEGER REFERENCES host_collections(id) ON DELETE SET NULL,
  backfilled INTEGER NOT NULL CHECK (backfilled IN (0, 1)),
  last_confirmed_at TEXT NOT NULL,
  last_confirmed_collection_id INTEGER REFERENCES host_collections(id) ON DELETE SET NULL,
  CHECK (last_confirmed_at >= first_measured_at)
);

CREATE TABLE package_history (
  id INTEGER PRIMARY KEY,
  asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  arch TEXT NOT NULL,
  version TEXT NOT NULL,
  status TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  first_collection_id INTEGER REFERENCES host_collections(id) ON DELETE SET NULL,
  backfilled INTEGER NOT NULL DEFAULT 0 CHECK (backfilled IN (0, 1)),
  last_confirmed_at TEXT,
  last_confirmed_collection_id INTEGER REFERENCES host_collections(id) ON DELETE SET NULL,
  ended_at TEXT,
  end_collection_id INTEGER REFERENCES host_collections(id) ON DELETE SET NULL,
  end_reason TEXT CHECK (end_reason IN ('removed', 'replaced')),
  CHECK ((ended_at IS NULL) = (end_reason IS NULL) AND (ended_at IS NULL) = (last_confirmed_at IS NULL)),
  CHECK (ended_at IS NULL OR (ended_at >= last_confirmed_at AND last_confirmed_at >= first_seen_at))
);
CREATE UNIQUE INDEX package_history_open ON package_history(asset_id, name, arch, version) WHERE ended_at IS NULL;
CREATE INDEX package_history_by_start ON package_history(asset_id, first_seen_at);
CREATE INDEX package_history_by_end ON package_history(asset_id, ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX package_history_by_name ON package_history(asset_id, name, first_seen_at);

-- Append-only: an interval's identity and start never change, and an ended interval is final.
CREATE TRIGGER package_history_append_only BEFORE UPDATE OF asset_id, name, arch, version, status, first_seen_at, backfilled, ended_at, end_reason, last_confirmed_at ON package_history
WHEN NEW.asset_id IS NOT OLD.asset_id OR NEW.name IS NOT OLD.name OR NEW.arch IS NOT OLD.arch OR NEW.version IS NOT OLD.version
  OR NEW.status IS NOT OLD.status OR NEW.first_seen_at IS NOT OLD.first_seen_at OR NEW.backfilled IS NOT OLD.backfilled
  OR (OLD.ended_at IS NOT NULL AND (NEW.ended_at IS NOT OLD.ended_at OR NEW.end_reason IS NOT OLD.end_reason OR NEW.last_confirmed_at IS NOT OLD.last_confirmed_at))
BEGIN
  SELECT RAISE(ABORT, 'package_history is append-only: only an open interval may be ended, once');
END;

INSERT INTO package_history_assets (asset_id, first_measured_at, first_collection_id, backfilled, last_confirmed_at, last_confirmed_collection_id)
  SELECT h.asset_id, strftime('%Y-%m-%dT%H:%M:%fZ', h.collected_at), h.id, 1, strftime('%Y-%m-%dT%H:%M:%fZ', h.collected_at), h.id
    FROM (SELECT asset_id, MAX(id) AS id FROM host_collections WHERE outcome = 'ok' GROUP BY asset_id) latest
    JOIN host_collections h ON h.id = latest.id;
INSERT INTO package_history (asset_id, name, arch, version, status, first_seen_at, first_collection_id, backfilled)
  SELECT p.asset_id, p.name, p.arch, p.version, p.status, m.first_measured_at, m.first_collection_id, 1
    FROM installed_packages p JOIN package_history_assets m ON m.asset_id = p.asset_id;
`,
} as const;
