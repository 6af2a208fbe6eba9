import { useEffect, useState } from 'react';

/**
 * `flag`, but true only once it has stayed true for `delay` ms (false at once). For states a
 * keystroke passes through all the time — "checking…", "the YAML does not parse" — so the page
 * does not flicker, and re-render, on every key.
 */
export function useLasting(flag: boolean, delay: number): boolean {
  const [lasting, setLasting] = useState(flag);
  useEffect(() => {
    if (!flag) {
      setLasting(false);
      return undefined;
    }
    const timer = setTimeout(() => setLasting(true), delay);
    return () => clearTimeout(timer);
  }, [flag, delay]);
  return flag && lasting;
}
