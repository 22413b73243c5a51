import { describe, expect, it } from 'vitest';
import { emptySiteForm, formToSiteInput, siteIssuesToErrors, validateSiteForm } from './site-form-model';

describe('site form', () => {
  const filled = { ...emptySiteForm('Europe/Berlin'), name: 'Dental practice', networksText: '192.168.10.0/24\n10.0.0.1-20' };

  it('maps to the contract shape', () => {
    expect(formToSiteInput(filled)).toEqual({
      name: 'Dental practice',
      networks: ['192.168.10.0/24', '10.0.0.1-20'],
      timezone: 'Europe/Berlin',
      contact: { name: '', email: '', phone: '' },
      notes: '',
    });
  });

  it('accepts a valid form', () => {
    expect(validateSiteForm(filled)).toEqual({});
  });

  it('reports errors per field', () => {
    const errors = validateSiteForm({ ...filled, name: ' ', networksText: '10.0.0.0/33', timezone: 'Mars/Base', contactEmail: 'nope' });
    expect(Object.keys(errors).sort()).toEqual(['contact.email', 'name', 'networks', 'timezone']);
  });

  it('maps host issue paths to fields', () => {
    expect(siteIssuesToErrors([{ path: 'changes.contact.email', message: 'bad' }, { path: 'networks.1', message: 'nope' }])).toEqual({
      'contact.email': 'bad',
      networks: 'nope',
    });
  });
});
