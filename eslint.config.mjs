// ESLint for the project's own JavaScript (`make lint`). Pinned in package.json / package-lock.json.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    // `catch (e) {}` keeps a binding on purpose: old phone browsers lack optional catch binding.
    rules: { "no-unused-vars": ["error", { caughtErrors: "none" }] },
  },
  {
    // The search worker runs in a Web Worker and, for tests, in Node (harness.js requires it).
    files: ["overrides/assets/javascripts/sotay-search-worker.js"],
    languageOptions: { ecmaVersion: 2020, sourceType: "script",
                       globals: { ...globals.worker, module: "readonly" } },
  },
  {
    files: ["docs/sw.js"],
    languageOptions: { ecmaVersion: 2020, sourceType: "script", globals: globals.serviceworker },
  },
  {
    // Material's theme provides document$ / location$ (RxJS observables) and __md_scope / __md_get / __md_set.
    files: ["docs/assets/javascripts/**/*.js"],
    languageOptions: { ecmaVersion: 2020, sourceType: "script",
                       globals: { ...globals.browser, document$: "readonly", location$: "readonly",
                                 __md_scope: "readonly", __md_get: "readonly", __md_set: "readonly" } },
  },
  {
    files: ["scripts/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: globals.node },
  },
];
