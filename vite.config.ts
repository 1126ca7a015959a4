import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The front end lives in ui/; Tauri embeds the built dist/ at the repository root.
export default defineConfig({
  root: "ui",
  // The Svelte config sits at the repository root, beside this file (paths are relative to `root`).
  plugins: [svelte({ configFile: "../svelte.config.js" })],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    watch: { ignored: ["**/src-tauri/**", "**/target/**", "**/crates/**"] },
  },
  build: {
    outDir: "../dist",
    emptyOutDir: true,
    target: "es2022",
    // No inline scripts or data: modules: the CSP allows 'self' only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
