import { EXPOSURE_LABELS, EXPOSURE_LEVELS, IMPACT_LABELS, IMPACT_LEVELS, TIER_TABLE } from '../../../../shared/domain/risk-tier';
import { TierBadge } from '../../components/tier-badge';

/** Splits "Critical: the business stops" into a title and its explanation. */
export function splitLabel(label: string): [string, string] {
  const index = label.indexOf(':');
  return index < 0 ? [label, ''] : [label.slice(0, index), label.slice(index + 1).trim()];
}

/** The tier rule exactly as applied: business impact × exposure → tier, from the shared table. */
export function TierRuleTable() {
  return (
    <section className="card rule-card" aria-labelledby="tier-rule-title">
      <h2 id="tier-rule-title" className="card__title">
        How tiers are decided
      </h2>
      <table className="rule-table" data-testid="tier-rule-table">
        <thead>
          <tr>
            <th scope="col" className="rule-table__corner">
              Impact ↓ · Exposure →
            </th>
            {EXPOSURE_LEVELS.map((exposure) => {
              const [title, text] = splitLabel(EXPOSURE_LABELS[exposure]);
              return (
                <th key={exposure} scope="col">
                  <span className="rule-table__title">{title}</span> <span className="rule-table__text">{text}</span>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {IMPACT_LEVELS.map((impact) => {
            const [title, text] = splitLabel(IMPACT_LABELS[impact]);
            return (
              <tr key={impact}>
                <th scope="row">
                  <span className="rule-table__title">{title}</span> <span className="rule-table__text">{text}</span>
                </th>
                {EXPOSURE_LEVELS.map((exposure) => (
                  <td key={exposure}>
                    <TierBadge tier={TIER_TABLE[impact][exposure]} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
