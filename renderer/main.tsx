// Renderer entry: styles, then the app. Everything the page may do goes through window.steward.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { preloadScreen } from './app/screens';
import { applyRememberedTheme } from './app/theme';
import { useStewardStore } from './state/store';
import { i18nReady } from './i18n';
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';
import './styles/layout.css';
import './styles/markdown.css';
import './styles/review.css';
import './styles/org.css';

// Paint the first frame in last run's theme; App then applies the saved choice.
applyRememberedTheme();

// A start on a deep link: fetch that screen's code while the first calls are answered.
void preloadScreen(useStewardStore.getState().route);

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

const render = () =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
// A language not in the first bundle (French) is read first, so the first frame is already in it;
// if it cannot be read, the page starts in English.
void i18nReady.then(render, render);
