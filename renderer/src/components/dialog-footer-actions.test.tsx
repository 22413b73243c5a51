import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DialogFooterActions } from './dialog-footer-actions';

const noop = () => undefined;

describe('DialogFooterActions', () => {
  it('renders Cancel and a primary submit button tied to the form', () => {
    const html = renderToStaticMarkup(<DialogFooterActions formId="add-form" onCancel={noop} pending={false} label="Add" pendingLabel="Adding…" testId="add-submit" />);
    expect(html).toBe('<button type="button" class="button">Cancel</button><button type="submit" form="add-form" class="button button--primary" data-testid="add-submit">Add</button>');
  });

  it('disables the submit button and shows the pending label while pending', () => {
    const html = renderToStaticMarkup(<DialogFooterActions formId="f" onCancel={noop} pending label="Add" pendingLabel="Adding…" testId="t" />);
    expect(html).toContain('disabled=""');
    expect(html).toContain('>Adding…</button>');
  });

  it('keeps the label while pending without a pending label, and honours tone and disabled', () => {
    const pending = renderToStaticMarkup(<DialogFooterActions formId="f" onCancel={noop} pending label="Retire" tone="danger" testId="t" />);
    expect(pending).toContain('class="button button--danger" disabled=""');
    expect(pending).toContain('>Retire</button>');
    const blocked = renderToStaticMarkup(<DialogFooterActions formId="f" onCancel={noop} pending={false} label="Save" disabled testId="t" />);
    expect(blocked).toContain('disabled=""');
  });
});
