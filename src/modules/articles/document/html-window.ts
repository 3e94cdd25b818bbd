import { Window } from 'happy-dom';

// One locked-down happy-dom window per process, reused for every parse: creating a window costs
// tens of milliseconds, parsing a document into it a fraction of that. Nothing runs in it (no
// scripts, no loading of anything), and each parse gets a fresh document, so parses share no state.
let shared: Window | undefined;

function sharedWindow(): Window {
  shared ??= new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
    },
  });
  return shared;
}

/** Parse an HTML fragment into the body of a fresh, inert document. */
export function parseFragment(html: string): HTMLElement {
  const window = sharedWindow();
  const doc = new window.DOMParser().parseFromString(
    `<!DOCTYPE html><html><body>${html}</body></html>`,
    'text/html',
  );
  return doc.body as unknown as HTMLElement;
}
