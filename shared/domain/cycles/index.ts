/** Patch cycles: the baseline anchor, checklist templates and lateness, cadences, rings and maintenance windows. */
export * from './year-month';
export * from './weekdays';
export * from './baseline-anchor';
export * from './checklist-template';
export * from './checklist-status';
export * from './cadence';
export * from './rings';
export * from './maintenance-window';
export * from './emergency-trigger';
