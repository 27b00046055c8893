// JSON Lines splitting for chunks pushed in one at a time (a worker receives them as messages),
// with readJsonLines' rules (../jsonl-lines.ts): lines end at "\n", a "\r" before it is dropped,
// U+2028 and U+2029 are not line ends, and a last line without "\n" still counts.
import { StringDecoder } from 'node:string_decoder';

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  /** The lines this chunk completes. */
  push(chunk: Uint8Array, into: string[] = []): string[] {
    const text = this.pending + this.decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      into.push(text.slice(start, end));
      start = nl + 1;
    }
    this.pending = text.slice(start);
    return into;
  }

  /** The last line, if the input did not end with a line break. */
  end(): string[] {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    if (rest.length === 0) return [];
    return [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
  }
}
