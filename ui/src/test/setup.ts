// jsdom lacks what antd's responsive components ask of a browser.
import { afterEach, expect } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
import { clearMocks } from '@tauri-apps/api/mocks';
import { failOnDeprecations, takeDeprecations } from './warningGate';

Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});

// lottie-web (inside @oceanbase/design) draws on a canvas at import time; jsdom
// has none. A context that accepts every call and property is enough.
const canvasContext = new Proxy({} as Record<string | symbol, unknown>, {
  get: (target, key) => (key in target ? target[key] : () => undefined),
  set: (target, key, value) => {
    target[key] = value;
    return true;
  },
});
HTMLCanvasElement.prototype.getContext = (() => canvasContext) as unknown as HTMLCanvasElement['getContext'];

// A Spin imports lottie-web lazily, and lottie polls `document.readyState` every
// 100 ms from the moment it loads until the document is complete. A test file
// that ends before the first poll tears jsdom down under it ("document is not
// defined", an unhandled error that fails the run). So load it here and wait past
// its first poll: timers fire in order of their due time, so once ours fires the
// poll has run and, jsdom's document being complete, stopped.
await import('lottie-web');
await new Promise((resolve) => setTimeout(resolve, 150));

// jsdom has no styles for pseudo-elements and says so on stderr each time rc-util
// measures the scrollbar (::-webkit-scrollbar); the element's own style answers as well.
const computedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element) => computedStyle(element);

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver = ResizeObserverStub;

// antd's first render in jsdom takes seconds on a 2-core machine.
configure({ asyncUtilTimeout: 20_000 });

failOnDeprecations();

afterEach(() => {
  cleanup();
  clearMocks();
  expect(takeDeprecations(), 'deprecation warnings').toEqual([]);
});
