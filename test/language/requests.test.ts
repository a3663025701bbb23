import { describe, expect, it } from 'vitest';
import { requestsOf } from '../../edge/src/language';

describe('requestsOf: the requests of one message', () => {
  it('ends a request at sentence marks, colons, a comma before a space, an opening ¿, and a joining word before a question or a shopping word', () => {
    expect(requestsOf("two things: where's my down jacket, and do you have the Ridge 30 in black?")).toEqual(['two things:', "where's my down jacket", 'and do you have the Ridge 30 in black?']);
    expect(requestsOf('where is 100045777 and when does the camera come back?')).toEqual(['where is 100045777', 'and when does the camera come back?']);
    expect(requestsOf('¿cuándo llega el monitor? y otra cosa, ¿tenéis cables HDMI?')).toEqual(['¿cuándo llega el monitor?', 'y otra cosa', '¿tenéis cables HDMI?']);
    expect(requestsOf('quando chega? e vocês têm lanternas')).toEqual(['quando chega?', 'e vocês têm lanternas']);
  });

  it('keeps numbers, product names and a plain "and" whole', () => {
    expect(requestsOf('Tilt Parasol 2.7 m')).toEqual(['Tilt Parasol 2.7 m']);
    expect(requestsOf('Bestellung 100.045.990 bitte')).toEqual(['Bestellung 100.045.990 bitte']);
    expect(requestsOf('Replacement Spool and Line')).toEqual(['Replacement Spool and Line']);
    expect(requestsOf('where are my boots and socks')).toEqual(['where are my boots and socks']);
  });
});
