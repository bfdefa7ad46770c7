// The webview side of VS Code's messaging, typed by the protocol unions. VS Code
// injects `acquireVsCodeApi` into every webview; it may be called only once.

/** What VS Code hands a webview: post to the host, keep state across reloads. */
export interface VsCodeApi<TState, TOut> {
  postMessage(message: TOut): void;
  getState(): TState | undefined;
  setState(state: TState): void;
}

declare function acquireVsCodeApi(): { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void };

/** The webview's API, typed: messages out are `TOut`; the state is whatever `TState` the app keeps. */
export function vscodeApi<TState, TOut>(): VsCodeApi<TState, TOut> {
  const api = acquireVsCodeApi();
  return {
    postMessage: (m) => api.postMessage(m),
    // The state was written by this app, but an old version of it may have written another shape: callers check it.
    getState: () => (api.getState() ?? undefined) as TState | undefined,
    setState: (s) => api.setState(s),
  };
}
