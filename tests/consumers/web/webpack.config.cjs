// webpack 5 with the package's default entry (the bundler build imports its .wasm as a
// WebAssembly ES module).
const path = require("node:path");

module.exports = {
  mode: "production",
  entry: "./app.js",
  output: { path: path.resolve(__dirname, "dist-webpack"), filename: "app.js", publicPath: "auto" },
  experiments: { asyncWebAssembly: true },
  performance: { hints: false },
};
