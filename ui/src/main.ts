import { mount } from "svelte";
import App from "./App.svelte";
import { applyPreferences } from "./lib/app.svelte";
import "./app.css";

// Language and theme before the first paint, so nothing flashes.
applyPreferences();

const target = document.getElementById("app");
if (!target) throw new Error("#app is missing from index.html");

export default mount(App, { target });
