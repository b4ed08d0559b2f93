import { useEffect, useState } from 'react';
import { nowMicros } from '../../time/format';

/** The current time in microseconds, re-read every `everyMs` (live latencies). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(nowMicros);
  useEffect(() => {
    const id = setInterval(() => setNow(nowMicros()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
