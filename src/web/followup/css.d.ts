// Vite bundles CSS imported by a component into the built stylesheet (no inline styles: CSP).
declare module '*.css';
