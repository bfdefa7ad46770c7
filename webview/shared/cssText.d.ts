// esbuild loads .css imports of the webviews as text (loader `text` in esbuild.mjs).
declare module '*.css' {
  /** The style sheet's text. */
  const text: string;
  export default text;
}
