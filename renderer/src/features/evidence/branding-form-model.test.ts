import { describe, expect, it } from 'vitest';
import type { Branding } from '../../../../shared/contract/evidence';
import { brandingChanged, brandingDraft, brandingErrorsFromHost, brandingProblems, brandingUpdate } from './branding-form-model';

const SAVED: Branding = { mspName: 'Northwind IT', contactLine: 'support@northwind.example · +49 30 1234', logo: { mimeType: 'image/png', base64: 'AAAA' }, updatedAt: '2026-11-01T10:00:00.000Z', updatedBy: 'admin' };

describe('branding form', () => {
  it('starts from the saved branding and sees no change', () => {
    const draft = brandingDraft(SAVED);
    expect(brandingChanged(draft, SAVED)).toBe(false);
    expect(brandingChanged({ ...draft, mspName: '  Northwind IT ' }, SAVED)).toBe(false);
  });

  it('sees a changed name, contact line or logo', () => {
    const draft = brandingDraft(SAVED);
    expect(brandingChanged({ ...draft, mspName: 'Contoso' }, SAVED)).toBe(true);
    expect(brandingChanged({ ...draft, logo: null }, SAVED)).toBe(true);
    expect(brandingChanged({ ...draft, logo: { mimeType: 'image/jpeg', base64: 'AAAA' } }, SAVED)).toBe(true);
  });

  it('checks the contract limits before sending', () => {
    expect(brandingProblems(brandingDraft(SAVED))).toEqual({});
    expect(brandingProblems({ mspName: 'x'.repeat(201), contactLine: '', logo: null })).toEqual({ mspName: 'Keep it to 200 characters (now 201).' });
    expect(brandingProblems({ mspName: '', contactLine: 'a\nb', logo: null })).toEqual({ contactLine: 'Keep it to one line.' });
  });

  it('sends trimmed text', () => {
    expect(brandingUpdate({ mspName: ' Northwind ', contactLine: ' x ', logo: null })).toEqual({ mspName: 'Northwind', contactLine: 'x', logo: null });
  });

  it('puts the host refusal on its field, or on the form', () => {
    expect(brandingErrorsFromHost('the logo was refused: it is an incomplete PNG (the file was cut short)', [{ path: 'logo', message: 'it is an incomplete PNG (the file was cut short)' }])).toEqual({ logo: 'The logo was refused: it is an incomplete PNG (the file was cut short).' });
    expect(brandingErrorsFromHost('bad', [{ path: 'logo.mimeType', message: 'the logo must be a PNG or JPEG image' }])).toEqual({ logo: 'The logo must be a PNG or JPEG image.' });
    expect(brandingErrorsFromHost('the database is busy', [])).toEqual({ form: 'The database is busy.' });
  });
});
