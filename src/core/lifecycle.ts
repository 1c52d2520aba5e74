// A background worker the composition root starts after the HTTP app and stops before the database closes
// (outbox, inbox, scheduler, platform stream connections). Lives in core so adapters can offer workers without
// importing the composition root.
export interface BackgroundWorker {
  name: string;
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}
