import { clickersSegmentName, numberedName, SEGMENT_NAME_MAX } from './clickers-segment-name.util';

describe('clickers segment name', () => {
  it('names the link and the campaign', () => {
    expect(clickersSegmentName('https://shop.example/sale', 'Spring sale')).toBe(
      'Clicked https://shop.example/sale in Spring sale',
    );
    expect(numberedName('x', 1)).toBe('x');
    expect(numberedName('x', 3)).toBe('x (3)');
  });

  it('shortens long URLs and names, leaving room for a suffix', () => {
    const long = clickersSegmentName('https://shop.example/' + 'a'.repeat(300), 'Spring sale');
    expect(long.length).toBeLessThanOrEqual(SEGMENT_NAME_MAX - 6);
    expect(long).toMatch(/^Clicked https:\/\/shop\.example\/a+… in Spring sale$/);
    const both = clickersSegmentName('https://x.example/' + 'b'.repeat(200), 'C'.repeat(200));
    expect(both.length).toBe(SEGMENT_NAME_MAX - 6);
    expect(both.endsWith('…')).toBe(true);
    expect(numberedName(both, 99).length).toBeLessThanOrEqual(SEGMENT_NAME_MAX);
  });
});
