// Line-by-line reading of NDJSON streams (HTTP bodies and files) with a per-line size cap, so one huge line
// cannot exhaust memory. Handles UTF-8 split across chunks and CRLF endings.
import { PayloadTooLargeError } from '../errors.js';

export class LineTooLongError extends PayloadTooLargeError {
  constructor(
    readonly lineNumber: number,
    readonly maxBytes: number,
  ) {
    super(`line ${lineNumber} is longer than ${maxBytes} bytes`);
  }
}

export interface Line {
  /** 1-based. */
  number: number;
  text: string;
}

export async function* readLines(
  stream: AsyncIterable<Buffer | string>,
  maxLineBytes = 1024 * 1024,
): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let pending = 0;
  let number = 0;
  const flush = (): Line => {
    number += 1;
    let text = Buffer.concat(parts).toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    parts = [];
    pending = 0;
    return { number, text };
  };
  for await (const raw of stream) {
    let chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10)) {
      if (pending + newline > maxLineBytes) throw new LineTooLongError(number + 1, maxLineBytes);
      parts.push(chunk.subarray(0, newline));
      yield flush();
      chunk = chunk.subarray(newline + 1);
    }
    if (chunk.length > 0) {
      pending += chunk.length;
      if (pending > maxLineBytes) throw new LineTooLongError(number + 1, maxLineBytes);
      parts.push(chunk);
    }
  }
  if (pending > 0) yield flush();
}
