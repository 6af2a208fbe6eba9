/**
 * The page's entry: it starts reading the saved session (IndexedDB answers in tasks of its own)
 * and loads the rest — Monaco, React and the app — whose fetching and compiling the read then
 * overlaps, instead of waiting for them to be evaluated first.
 */
import { loadSession } from './app/persistence';
import './app/app.css';

const session = loadSession();
void import('./app/start').then(({ start }) => start(session));
