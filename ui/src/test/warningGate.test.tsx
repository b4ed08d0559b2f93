import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { Card } from 'antd';
import { takeDeprecations } from './warningGate';

describe('the warning gate', () => {
  // Rendered to a string: the throw reaches the test as it is, without the DOM
  // renderer logging it again as an uncaught error.
  it("fails a render that passes antd a prop it has replaced, in antd's own words", () => {
    expect(() => renderToStaticMarkup(<Card bodyStyle={{ padding: 0 }}>body</Card>)).toThrow(
      /\[antd: Card\] `bodyStyle` is deprecated/,
    );
    expect(takeDeprecations()).toHaveLength(1);
  });

  it('lets other warnings through', () => {
    expect(() => console.warn('a warning about something else')).not.toThrow();
    expect(takeDeprecations()).toEqual([]);
  });
});
