// The viewer's frame: a skip link, the site navigation (and the project's, inside a project), a
// light/dark theme switch remembered by the browser, and the view the hash names. A 401 from the
// API means the login cookie is missing or expired: the page says how to get a new link.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from './api.js';
import { BriefPage } from './pages/brief.js';
import { CheckpointsPage } from './pages/checkpoints.js';
import { DecisionsPage } from './pages/decisions.js';
import { DoctorPage } from './pages/doctor.js';
import { ComponentsPage, FactsPage } from './pages/facts.js';
import { ProjectsPage } from './pages/projects.js';
import { SearchPage } from './pages/search.js';
import { SessionPage } from './pages/session.js';
import { SessionsPage } from './pages/sessions.js';
import { TodosPage } from './pages/todos.js';
import { href, useRoute } from './route.js';
import type { Route } from './route.js';
import { useData } from './use-data.js';

const PROJECT_VIEWS: [string, string][] = [
  ['sessions', 'Sessions'],
  ['checkpoints', 'Checkpoints'],
  ['todos', 'Todos'],
  ['decisions', 'Decisions'],
  ['facts', 'Facts'],
  ['components', 'Components'],
  ['brief', 'Brief'],
];

function useTheme(): [string, () => void] {
  const [theme, setTheme] = useState(
    () =>
      localStorage.getItem('baton-theme') ??
      (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'),
  );
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem('baton-theme', theme);
  }, [theme]);
  return [theme, () => setTheme(theme === 'dark' ? 'light' : 'dark')];
}

export function App() {
  const route = useRoute();
  const [theme, toggle] = useTheme();
  const health = useData(() => api.get<{ ok: boolean }>('/projects'), []);
  const loggedOut = health.error instanceof ApiError && health.error.status === 401;
  // After a navigation (not on load: the skip link stays the first stop), focus moves to the new
  // view, so keyboard and screen-reader users start reading it rather than the menu.
  const loaded = useRef(false);
  useEffect(() => {
    if (loaded.current) document.getElementById('main')?.focus({ preventScroll: true });
    loaded.current = true;
  }, [route.view, route.project, route.session]);
  return (
    <>
      <a
        class="skip"
        href="#main"
        onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}
      >
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href={href('projects')}>
          Baton
        </a>
        <nav aria-label="site">
          <a href={href('projects')} aria-current={route.view === 'projects' ? 'page' : undefined}>
            Projects
          </a>
          <a href={href('search')} aria-current={route.view === 'search' ? 'page' : undefined}>
            Search
          </a>
          <a href={href('doctor')} aria-current={route.view === 'doctor' ? 'page' : undefined}>
            Diagnostics
          </a>
        </nav>
        <button
          type="button"
          class="theme"
          onClick={toggle}
          aria-label={`switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
        >
          {theme === 'dark' ? '☀' : '☾'}
        </button>
      </header>
      {route.project && (
        <nav class="sub" aria-label="project">
          {PROJECT_VIEWS.map(([view, label]) => (
            <a
              key={view}
              href={href(view, { project: route.project! })}
              aria-current={route.view === view ? 'page' : undefined}
            >
              {label}
            </a>
          ))}
        </nav>
      )}
      <main id="main" tabIndex={-1} class={route.view === 'session' ? 'main session-main' : 'main'}>
        {loggedOut ? (
          <section>
            <h1>Not logged in</h1>
            <p>
              Run <code>baton ui</code> in a terminal and open the link it prints (it works once,
              for two minutes).
            </p>
          </section>
        ) : (
          <View route={route} />
        )}
      </main>
    </>
  );
}

function View({ route }: { route: Route }) {
  const p = route.project;
  if (route.view === 'session') return <SessionPage route={route} />;
  if (route.view === 'search') return <SearchPage route={route} />;
  if (route.view === 'doctor') return <DoctorPage />;
  if (!p) return <ProjectsPage />;
  switch (route.view) {
    case 'checkpoints':
      return <CheckpointsPage project={p} />;
    case 'todos':
      return <TodosPage project={p} />;
    case 'decisions':
      return <DecisionsPage project={p} />;
    case 'facts':
      return <FactsPage project={p} />;
    case 'components':
      return <ComponentsPage project={p} />;
    case 'brief':
      return <BriefPage project={p} />;
    default:
      return <SessionsPage project={p} />;
  }
}
