import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
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
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "error",
      // Configuration is read and validated once, in each package's env.ts.
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through the package's env.ts." },
      ],
    },
  },
  {
    // Entry points, scripts and tests may read the environment and print.
    files: ["**/env.ts", "scripts/**", "**/*.test.ts", "**/*.int.test.ts", "**/testing/**", "e2e/**", "*.config.{ts,mjs}", "**/*.config.{ts,mjs}", "**/build.mjs"],
    rules: { "no-restricted-properties": "off", "no-console": "off" },
  },
);
