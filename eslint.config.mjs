import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";
import nextPlugin from "@next/eslint-plugin-next";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.next/**",
      "**/dist/**",
      "**/generated/**",
      "**/next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      ".parley/**",
    ],
  },
  // A `// eslint-disable` that no longer silences anything is an error, so exceptions cannot outlive their reason.
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      // Type-aware rules: each file is checked with the tsconfig.json nearest to it (the root one covers scripts, bench, e2e).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // A promise nobody awaits loses its error; a promise passed where a void callback is expected loses it too.
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      // A switch over a union (frame types, roles, kinds) must name every member, so adding one breaks the build where it is unhandled.
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false }],
      "@typescript-eslint/no-unnecessary-condition": "error",
      "no-console": "error",
      // Configuration is read and validated once, in each package's env.ts.
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through the package's env.ts." }],
    },
  },
  {
    files: ["**/*.tsx"],
    ...jsxA11y.flatConfigs.recommended,
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // autoFocus here is only ever the first field of a modal dialog the user just opened: moving focus into it is
      // what the WAI-ARIA dialog pattern asks for (the rule targets focus stolen on page load).
      "jsx-a11y/no-autofocus": "off",
      // A checkbox's label text sits in nested spans (title + description): look three levels down for it.
      "jsx-a11y/label-has-associated-control": ["error", { depth: 3 }],
    },
  },
  {
    files: ["apps/web/**/*.{ts,tsx}"],
    plugins: { "@next/next": nextPlugin },
    rules: { ...nextPlugin.configs.recommended.rules, ...nextPlugin.configs["core-web-vitals"].rules },
    settings: { next: { rootDir: "apps/web/" } },
  },
  {
    // Plain JavaScript config files belong to no tsconfig program: lint them without type information.
    files: ["**/*.{js,mjs,cjs}"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Entry points, scripts and tests may read the environment and print.
    files: [
      "**/env.ts",
      "scripts/**",
      "**/*.test.ts",
      "**/*.int.test.ts",
      "**/testing/**",
      "e2e/**",
      "*.config.{ts,mjs}",
      "**/*.config.{ts,mjs}",
      "**/build.mjs",
    ],
    rules: { "no-restricted-properties": "off", "no-console": "off" },
  },
  {
    // What beforeAll assigns is typed as always set, but afterAll runs even when beforeAll failed: its `?.` guards are needed.
    files: ["**/*.test.ts", "**/*.int.test.ts", "**/testing/**", "e2e/**"],
    rules: { "@typescript-eslint/no-unnecessary-condition": "off" },
  },
);
