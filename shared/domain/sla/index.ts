/** SLA clock, severity normalisation, exception register and compliance reporting. */
export * from './severity';
export * from './local-time';
export * from './exception-status';
export * from './sla-clock';
export * from './compliance';
export * from './clock-start';
