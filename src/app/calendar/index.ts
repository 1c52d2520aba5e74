// Working-calendar use cases: a tenant's calendar for other use cases, and its settings for the API and the CLI.
export { tenantCalendar } from './tenant-calendar.js';
export * from './settings.js';
