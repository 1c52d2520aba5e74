// The lifecycle every background worker (outbox delivery, scheduler) shares with the composition root: started
// after the HTTP app listens, stopped before the database closes.

/** A background worker started after the app and stopped before the database closes. */
export interface BackgroundWorker {
  name: string;
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}
