import { useEffect, useState } from 'react';
import { DARK_SCHEME_QUERY, systemColorScheme, type ColorScheme } from '../editor/options';

/** Follows the system's light/dark setting, live. */
export function useColorScheme(): ColorScheme {
  const [scheme, setScheme] = useState(systemColorScheme);
  useEffect(() => {
    const mql = window.matchMedia(DARK_SCHEME_QUERY);
    const onChange = () => setScheme(systemColorScheme());
    mql.addEventListener('change', onChange);
    return () => mql.removeEventListener('change', onChange);
  }, []);
  return scheme;
}
