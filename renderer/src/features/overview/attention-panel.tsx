import { Icon } from '../../components/icon';
import { plural } from '../../lib/format';
import type { AttentionList } from './attention-list';

const VISIBLE = 7;

/** "Needs attention": lapsed and lapsing exceptions, late checklist items and collection gaps, each linking to its screen. */
export function AttentionPanel({ list, expanded, onToggle }: { list: AttentionList; expanded: boolean; onToggle: () => void }) {
  const shown = expanded ? list.items : list.items.slice(0, VISIBLE);
  const hidden = list.items.length - shown.length;
  return (
    <section className="overview-card attention" aria-labelledby="attention-title" data-testid="attention-list">
      <header className="overview-card__head">
        <h2 className="overview-card__title" id="attention-title">
          Needs attention
        </h2>
        <span className={`attention__count${list.items.length > 0 ? ' attention__count--active' : ''}`}>{list.items.length + list.more}</span>
      </header>
      {list.items.length === 0 ? (
        <p className="attention__empty">
          <Icon name="check" />
          Nothing lapsed or late: no expired exceptions, no late checklist items.
        </p>
      ) : (
        <ul className="attention__list">
          {shown.map((item) => (
            <li key={item.key}>
              <a className={`attention-item attention-item--${item.tone}`} href={item.href} title={item.hint} data-testid="attention-item" data-kind={item.kind}>
                <span className={`badge badge--${item.tone === 'neutral' ? 'neutral' : item.tone}`}>{item.label}</span>
                <span className="attention-item__text">
                  <span className="attention-item__title">{item.title}</span>
                  <span className="attention-item__detail">{item.detail}</span>
                </span>
                <span className="attention-item__when">{item.when}</span>
                <Icon name="chevronRight" size={14} />
              </a>
            </li>
          ))}
        </ul>
      )}
      {hidden > 0 || expanded || list.more > 0 ? (
        <footer className="attention__footer">
          {hidden > 0 || expanded ? (
            <button type="button" className="button button--ghost button--small" onClick={onToggle}>
              {expanded ? 'Show fewer' : `Show ${plural(hidden, 'more item')}`}
            </button>
          ) : null}
          {list.more > 0 ? <span className="muted small">{plural(list.more, 'more entry', 'more entries')} in the exception register and patch status</span> : null}
        </footer>
      ) : null}
    </section>
  );
}
