// Vite bundles the stylesheet the app imports for its side effect.
declare module '*.css';
