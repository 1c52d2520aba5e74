// Small argument parsers for chat verbs: words come split on whitespace by the adapter (Slack `<@U…>` arrives as
// `@U…`), so a verb's grammar is a few positional words and maybe free text at the end.
import { UsageError } from './types.js';

/** No words allowed. */
export const noArgs = (args: readonly string[]): Record<string, never> => {
  if (args.length > 0) throw new UsageError();
  return {};
};

/** Between `min` and `max` positional words. */
export function words(args: readonly string[], min: number, max: number): string[] {
  if (args.length < min || args.length > max) throw new UsageError();
  return [...args];
}

/** One optional word (e.g. `risk [team]`). */
export const optionalWord = (args: readonly string[]): { word?: string } => {
  const [word] = words(args, 0, 1);
  return word === undefined ? {} : { word };
};

/** Exactly one word (e.g. `profile <person>`). */
export const oneWord = (args: readonly string[]): { word: string } => ({ word: words(args, 1, 1)[0]! });

/**
 * The first `count` words, then the rest as free text (`kudos @li-na for the demo`). `filler` words right after
 * the positional ones are dropped (`for`, `因为`), so both `kudos @x for help` and `kudos @x help` work.
 */
export function leadingWordsAndText(
  args: readonly string[],
  count: number,
  options: { textRequired?: boolean; filler?: readonly string[] } = {},
): { words: string[]; text: string } {
  if (args.length < count) throw new UsageError();
  const lead = args.slice(0, count);
  let rest = args.slice(count);
  if (rest.length > 0 && options.filler?.includes(rest[0]!.toLowerCase())) rest = rest.slice(1);
  const text = rest.join(' ').trim();
  if (options.textRequired && text === '') throw new UsageError();
  return { words: [...lead], text };
}

/** `@li-na`, `@U123` (Slack) or `li-na` ⇒ the reference without its `@`. */
export const personWord = (word: string): string => word.replace(/^[@＠]/, '');

/** Throws UsageError when the condition holds (a verb whose words depend on the caller's role). */
export function usageErrorIf(condition: boolean): void {
  if (condition) throw new UsageError();
}
