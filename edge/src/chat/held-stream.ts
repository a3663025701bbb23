import type { UIMessageStreamWriter } from 'ai';

/**
 * Stands between the ReplyWriter and the shopper's stream while a turn may be held (assisted
 * mode): every chunk is kept until the turn knows its answer class. Then `release()` sends them
 * all, in order, and passes later ones straight through (an autonomous class, a handoff), or
 * `drop()` discards them (held: the shopper gets the notice, the draft waits for a person).
 */
export class HeldStream {
  private chunks: unknown[] = [];
  private mode: 'buffer' | 'pass' | 'drop' = 'buffer';

  constructor(private readonly real: UIMessageStreamWriter) {}

  /** Nothing decided yet (e.g. the turn was stopped first): the shopper has seen none of it. */
  get holding() {
    return this.mode === 'buffer';
  }

  write = (chunk: unknown) => {
    if (this.mode === 'pass') this.real.write(chunk as never);
    else if (this.mode === 'buffer') this.chunks.push(chunk);
  };

  merge: UIMessageStreamWriter['merge'] = (stream) => this.real.merge(stream);

  get onError() {
    return this.real.onError;
  }

  release() {
    this.mode = 'pass';
    for (const c of this.chunks.splice(0)) this.real.write(c as never);
  }

  drop() {
    this.mode = 'drop';
    this.chunks = [];
  }
}
