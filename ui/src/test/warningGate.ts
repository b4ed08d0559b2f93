// A deprecated prop or API (antd's "[antd: Card] `bodyStyle` is deprecated", React's
// own) fails the test that rendered it: it is thrown where it is said, and kept, so
// that the test fails after it too in case a library catches the throw.
const said: string[] = [];

export function failOnDeprecations() {
  for (const level of ['error', 'warn'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      const text = args.map(String).join(' ');
      if (/deprecat/i.test(text)) {
        said.push(text);
        throw new Error(`deprecated usage: ${text}`);
      }
      original(...args);
    };
  }
}

/** The deprecations said since the last call. */
export function takeDeprecations(): string[] {
  return said.splice(0);
}
