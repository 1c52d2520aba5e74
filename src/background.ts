// The lifecycle every background worker (outbox delivery, inbox, scheduler, platform stream connections) shares
// with the composition root: started after the HTTP app listens, stopped before the database closes. The type
// itself lives in core so chat adapters (which import only core) can offer workers too.
export type { BackgroundWorker } from './core/lifecycle.js';
