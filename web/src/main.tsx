// The viewer's entry: the stylesheet and the app, mounted on the page's one element.
import { render } from 'preact';
import { App } from './app.js';
import './style.css';

render(<App />, document.getElementById('app')!);
