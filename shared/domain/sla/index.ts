/** SLA rules and engine, severity normalisation, exception register and period figures. */
export * from './severity';
export * from './local-time';
export * from './exception-status';
export * from './sla-rules';
export * from './sla-engine';
export * from './period-figures';
export * from './clock-start';
export * from './kev-rule';
export * from './oldest-fix';
export * from './kev-outcome';
