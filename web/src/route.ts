// Views are named by the URL's hash (`#/p/<project>/sessions`), so the daemon serves one page and
// the browser's back button and bookmarks work. A route is the view's name and its parameters.
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  view: string;
  project?: string;
  session?: string;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  if (parts[0] === 'p' && parts[1]) {
    return { view: parts[2] ?? 'sessions', project: parts[1], params };
  }
  if (parts[0] === 's' && parts[1]) return { view: 'session', session: parts[1], params };
  return { view: parts[0] ?? 'projects', params };
}

export function href(
  view: string,
  opts: { project?: string; session?: string; query?: Record<string, string> } = {},
): string {
  const q = opts.query ? `?${new URLSearchParams(opts.query).toString()}` : '';
  if (opts.session) return `#/s/${encodeURIComponent(opts.session)}${q}`;
  if (opts.project) return `#/p/${encodeURIComponent(opts.project)}/${view}${q}`;
  return `#/${view}${q}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', on);
    // The hash may have changed between the first render and this effect (a link followed while
    // the page was still loading): without this the page would stay on the old route.
    on();
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}
