// The one line the Vite dev server needs (its dependency pre-bundling drops the .wasm
// import of the bundler build); `vite build` works without it.
export default {
  optimizeDeps: { exclude: ["consent-exchange"] },
  logLevel: "warn",
};
