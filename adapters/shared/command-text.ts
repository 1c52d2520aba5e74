// A command typed to a chat bot as plain text (DingTalk robot messages, WeCom app messages): zero-width characters
// dropped, split on any whitespace (including the ideographic space U+3000), a leading slash (ASCII or full-width)
// dropped from the first word: `风险 销售一组` ⇒ { command: '风险', args: ['销售一组'] }.

export interface TextCommand {
  command: string;
  args: string[];
}

/** `skipLeading` drops words before the command (DingTalk's @mentions). */
export function commandOfText(
  text: string | undefined,
  skipLeading?: (word: string) => boolean,
): TextCommand | undefined {
  if (!text) return undefined;
  const words = text
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .split(/[\s\u3000]+/u)
    .filter((w) => w !== '');
  while (skipLeading && words.length && skipLeading(words[0]!)) words.shift();
  if (!words.length) return undefined;
  const command = words[0]!.replace(/^[/／]/, '');
  if (!command) return undefined;
  return { command, args: words.slice(1) };
}
