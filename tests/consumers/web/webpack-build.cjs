// Runs webpack 5 through its Node API with webpack.config.cjs, as a user's build script
// would. (webpack-cli 7 depends on a package that declares Node >= 22.15, so the
// repository's Node 20 setup would warn on every install; the API needs no CLI.)
const webpack = require("webpack");
const config = require("./webpack.config.cjs");

webpack(config, (err, stats) => {
  if (err) {
    console.error(err);
    process.exit(1);
  }
  if (stats.hasErrors()) {
    console.error(stats.toString({ all: false, errors: true }));
    process.exit(1);
  }
});
