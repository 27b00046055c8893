// JSON Lines splitting: lines end at "\n" (a "\r" before it is dropped) and nowhere else.
// node:readline is not used because newer Node versions also break lines at U+2028 and U+2029,
// which JSON strings may hold unescaped: a transcript line would be cut in two.
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export async function* readJsonLines(input: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let start = 0;
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n', start)) {
      const end = nl > start && pending.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield pending.slice(start, end);
      start = nl + 1;
    }
    pending = pending.slice(start);
  }
  pending += decoder.end();
  if (pending.length > 0) yield pending.endsWith('\r') ? pending.slice(0, -1) : pending;
}
