// Pulse-survey storage, split by role: the bank and settings (survey-bank.ts), rounds and participation
// (survey-rounds.ts), answers and comments (survey-answers.ts), the counts results and scoring read
// (survey-results.ts). This module re-exports them for callers outside the surveys area.
export * from './survey-bank.js';
export * from './survey-rounds.js';
export * from './survey-answers.js';
export * from './survey-results.js';
