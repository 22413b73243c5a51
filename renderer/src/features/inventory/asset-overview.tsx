import type { Asset } from '../../../../shared/contract';
import { IMPACT_LABELS, TIER_LABELS } from '../../../../shared/domain/risk-tier';
import { TierBadge } from '../../components/tier-badge';
import { SiteTime } from '../../components/site-time';
import { plural } from '../../lib/format';
import { ACCESS_LABELS, DEVICE_TYPE_LABELS, OS_FAMILY_LABELS, SOURCE_LABELS } from '../../lib/labels';

const EVIDENCE_SOURCES: Record<Asset['evidence'][number]['source'], string> = {
  port: 'Port',
  banner: 'Banner',
  snmp: 'SNMP',
  dns: 'DNS',
  nmap: 'nmap',
  user: 'You',
};

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children || <span className="muted">—</span>}</dd>
    </>
  );
}

/** Every stored field of an asset, with the fingerprint evidence next to the OS and device guess. */
export function AssetOverview({ asset }: { asset: Asset }) {
  const access = asset.access.method === 'none' ? 'None' : `${ACCESS_LABELS[asset.access.method]}${asset.access.port ? ` on port ${asset.access.port}` : ''}${asset.access.username ? ` as ${asset.access.username}` : ''}`;
  return (
    <div className="detail-sections">
      <section className="detail-section" aria-labelledby="identification-title">
        <h3 id="identification-title" className="detail-section__title">
          Identification
        </h3>
        <div className="identification">
          <dl className="definition-list">
            <Row label="OS family">{OS_FAMILY_LABELS[asset.osFamily]}</Row>
            <Row label="OS name">{asset.osName}</Row>
            <Row label="OS version">{asset.osVersion}</Row>
            <Row label="Device type">{DEVICE_TYPE_LABELS[asset.deviceType]}</Row>
          </dl>
          <div className="evidence" data-testid="asset-evidence">
            <h4 className="evidence__title">Why we think so</h4>
            {asset.evidence.length === 0 ? (
              <p className="muted">No fingerprint evidence recorded.</p>
            ) : (
              <ul className="evidence__list">
                {asset.evidence.map((item, index) => (
                  <li key={index}>
                    <span className="evidence__source">{EVIDENCE_SOURCES[item.source]}</span>
                    <span>{item.detail}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      </section>
      <section className="detail-section" aria-labelledby="fields-title">
        <h3 id="fields-title" className="detail-section__title">
          Details
        </h3>
        <dl className="definition-list definition-list--two">
          <Row label="Hostname">{asset.hostname}</Row>
          <Row label="Addresses">{asset.addresses.length ? <span className="mono">{asset.addresses.join(', ')}</span> : null}</Row>
          <Row label="MAC">{asset.mac ? <span className="mono">{asset.mac}</span> : null}</Row>
          <Row label="Role">{asset.role}</Row>
          <Row label="Owner">{asset.owner}</Row>
          <Row label="Department">{asset.department}</Row>
          <Row label="Location">{asset.location}</Row>
          <Row label="Tags">{asset.tags.length ? asset.tags.map((tag) => <span key={tag} className="tag">{tag}</span>) : null}</Row>
          <Row label="Access">{access}</Row>
          <Row label="Source">{SOURCE_LABELS[asset.source]}</Row>
          <Row label="First seen">{asset.firstSeenAt ? <SiteTime at={asset.firstSeenAt} /> : null}</Row>
          <Row label="Last seen">{asset.lastSeenAt ? <><SiteTime at={asset.lastSeenAt} />{asset.missedScans > 0 ? ` · missed ${plural(asset.missedScans, 'scan')}` : ''}</> : null}</Row>
        </dl>
        {asset.notes ? <p className="notes">{asset.notes}</p> : null}
      </section>
      <section className="detail-section" aria-labelledby="tier-title">
        <h3 id="tier-title" className="detail-section__title">
          Risk tier
        </h3>
        <dl className="definition-list definition-list--two">
          <Row label="In force">
            <TierBadge tier={asset.tier} overridden={asset.tierOverride !== null} />
          </Row>
          <Row label="Computed">{asset.computedTier ? TIER_LABELS[asset.computedTier] : 'Not classified'}</Row>
          <Row label="Impact">{asset.classification ? IMPACT_LABELS[asset.classification.impact] : null}</Row>
          <Row label="Exposure">
            {asset.classification
              ? [asset.classification.internetFacing && 'internet-facing', asset.classification.privilegedData && 'privileged data', asset.classification.untrustedReachable && 'reachable from untrusted networks'].filter(Boolean).join(', ') || 'internal only'
              : null}
          </Row>
          {asset.tierOverride ? (
            <Row label="Override">
              {TIER_LABELS[asset.tierOverride.tier]}: “{asset.tierOverride.reason}” ({asset.tierOverride.by}, <SiteTime at={asset.tierOverride.at} />)
            </Row>
          ) : null}
        </dl>
      </section>
    </div>
  );
}
