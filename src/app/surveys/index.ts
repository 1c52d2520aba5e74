// Pulse surveys (issue H): the bank and settings, rounds and reminders, answering, group results with anonymity,
// the inputs scoring reads, and the chat/console entry points.
export * from './bank.js';
export * from './rounds.js';
export * from './answer.js';
export * from './results.js';
export * from './scoring-inputs.js';
export { registerSurveys, resultsMessage } from './inbound.js';
