import { RecordSplitter, type SplitItem } from './record-splitter.util';

function split(text: string, chunkSize = text.length || 1, max?: number): SplitItem[] {
  const splitter = new RecordSplitter(',', max);
  const out: SplitItem[] = [];
  for (let i = 0; i < text.length; i += chunkSize) splitter.push(text.slice(i, i + chunkSize), out);
  splitter.end(out);
  return out;
}

const summary = (items: SplitItem[]) =>
  items.map((i) => (i.kind === 'record' ? `${i.line}:${i.text}` : `${i.line}!${i.text}`));

describe('RecordSplitter', () => {
  const text = 'a,b\r\n1,"x\r\ny"\r\n\r\n2,"say ""hi"""\n3,plain\r4,5" screen\n5,last';

  it('splits LF, CRLF and CR records, keeps quoted newlines, skips blank lines, numbers physical lines', () => {
    expect(summary(split(text))).toEqual([
      '1:a,b',
      '2:1,"x\r\ny"',
      '5:2,"say ""hi"""',
      '6:3,plain',
      '7:4,5" screen',
      '8:5,last',
    ]);
  });

  it('gives the same result whatever the chunk boundaries', () => {
    const whole = summary(split(text));
    for (const size of [1, 2, 3, 5, 7]) expect(summary(split(text, size))).toEqual(whole);
  });

  it('flags quoted records so only they go through csv-parse', () => {
    const items = split('a,b\n1,"q"\n');
    expect(items.map((i) => i.kind === 'record' && i.quoted)).toEqual([false, true]);
  });

  it('reports a broken quote as one malformed line and recovers on the next line', () => {
    const items = split('id,name,email\n1,"Bob,bob@x.com\n2,Alice,"alice@x.com"\n3,Eve,eve@x.com\n');
    expect(summary(items)).toEqual([
      '1:id,name,email',
      '2!1,"Bob,bob@x.com',
      '3:2,Alice,"alice@x.com"',
      '4:3,Eve,eve@x.com',
    ]);
    expect(items[1]).toMatchObject({ kind: 'malformed', reason: 'unexpected "a" after a closing quote' });
  });

  it('reports a quote never closed until the end of the file, keeping the lines after it', () => {
    const items = split('a,b\n1,"open\n2,two\n3,three\n', 4);
    expect(summary(items)).toEqual(['1:a,b', '2!1,"open', '3:2,two', '4:3,three']);
    expect(items[1]).toMatchObject({ reason: 'quoted field is never closed' });
  });

  it('reports garbage after a closing quote on the same line and skips only that line', () => {
    expect(summary(split('a,b\n1,"x"y,z\n2,ok\n'))).toEqual(['1:a,b', '2!1,"x"y,z', '3:2,ok']);
  });

  it('reports lines longer than the limit without buffering them whole', () => {
    const long = 'x'.repeat(500);
    const items = split(`a,b\n1,${long}\n2,ok\n3,"${long}\n${long}"\n4,ok`, 64, 100);
    expect(items.map((i) => `${i.line}${i.kind === 'record' ? ':' : '!'}`)).toEqual([
      '1:',
      '2!',
      '3:',
      '4!',
      '5!',
      '6:',
    ]);
    expect(items[1]).toMatchObject({ reason: 'line longer than 100 characters' });
    expect((items[1] as { text: string }).text.length).toBeLessThanOrEqual(4097);
  });

  it('accepts a multi-line quoted field under the limit', () => {
    expect(summary(split('n\n"l1\nl2\nl3"\nnext'))).toEqual(['1:n', '2:"l1\nl2\nl3"', '5:next']);
  });
});
