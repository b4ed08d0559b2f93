// The task center's "Show imported history", remembered for this session only: the
// settings hold no view choices, and imported rows stay out of sight by default.
import { useState } from 'react';

const KEY = 'taskCenter.showImported';

function read(): boolean {
  try {
    return sessionStorage.getItem(KEY) === 'true';
  } catch {
    return false;
  }
}

export function useShowImported(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(read);
  return [
    on,
    (next: boolean) => {
      setOn(next);
      try {
        sessionStorage.setItem(KEY, String(next));
      } catch {
        // Storage refused (private mode): the choice holds while the page is open.
      }
    },
  ];
}
