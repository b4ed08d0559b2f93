import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the stylesheet', () => {
  it('closes every rule it opens (an unclosed brace silently drops every rule after it)', () => {
    const css = readFileSync(resolve(process.cwd(), 'src/styles.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    let depth = 0;
    css.split('\n').forEach((line, i) => {
      depth += (line.match(/{/g) ?? []).length - (line.match(/}/g) ?? []).length;
      expect(depth, `line ${i + 1}: ${line}`).toBeGreaterThanOrEqual(0);
      expect(depth, `line ${i + 1} opens a rule inside a rule: ${line}`).toBeLessThanOrEqual(1);
    });
    expect(depth).toBe(0);
  });
});
