// API tokens as use cases: authentication for the HTTP edge, listing and revocation for the operator.
export * from './authenticate.js';
export * from './manage.js';
