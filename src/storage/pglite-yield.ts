// PGlite runs every query synchronously on this process's one thread, and a chain of awaited queries (the demo's
// build, a scoring run) continues through promise callbacks without ever returning to the event loop: HTTP
// requests, timers and the data-directory lock's heartbeat wait until the whole chain ends (measured: /readyz first
// answered when Demo Co was finished, ~5 s after listening). This plugin lets the event loop run between queries
// once every few milliseconds, so requests queue for the connection behind the current query or transaction
// instead of behind the whole chain.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/** At most this long between two turns of the event loop while queries run back to back. */
const YIELD_EVERY_MS = 10;

export class YieldToEventLoopPlugin implements KyselyPlugin {
  #lastTurn = performance.now();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (performance.now() - this.#lastTurn >= YIELD_EVERY_MS) {
      await nextTurn();
      this.#lastTurn = performance.now();
    }
    return args.result;
  }
}
