// A small W3C WebDriver client over Node's fetch, for tauri-driver (which proxies to
// WebKitWebDriver). Zero dependencies: the protocol is a handful of JSON calls.
import { writeFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";

const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

async function call(method, path, body) {
  const response = await fetch(`${DRIVER}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    const value = json.value ?? {};
    const error = new Error(`${method} ${path}: ${value.error ?? response.status}: ${value.message ?? ""}`);
    error.webdriver = value.error;
    throw error;
  }
  return json.value;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a truthy value; fails with `what` after `timeout` ms. */
export async function until(probe, what, timeout = 20000, every = 100) {
  const start = Date.now();
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() - start > timeout) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? `: ${last.message}` : ""}`);
    }
    await sleep(every);
  }
}

export class Session {
  constructor(id) {
    this.id = id;
  }

  /** Launches the app (through tauri-driver) and opens a WebDriver session on its webview. */
  static async launch(application, args = []) {
    const value = await call("POST", "/session", {
      capabilities: { alwaysMatch: { "tauri:options": { application, args } } },
    });
    return new Session(value.sessionId);
  }

  path(suffix) {
    return `/session/${this.id}${suffix}`;
  }

  async quit() {
    await call("DELETE", this.path("")).catch(() => {});
  }

  async find(css) {
    const value = await call("POST", this.path("/element"), { using: "css selector", value: css });
    return value[ELEMENT];
  }

  async findAll(css) {
    const value = await call("POST", this.path("/elements"), { using: "css selector", value: css });
    return value.map((element) => element[ELEMENT]);
  }

  /** Waits until `css` matches a displayed element and returns it. */
  async waitFor(css, timeout = 20000) {
    return until(async () => {
      const element = await this.find(css);
      const shown = await call("GET", this.path(`/element/${element}/displayed`));
      return shown ? element : null;
    }, css, timeout);
  }

  /** Scrolls `css` to the middle of the view (WebKitWebDriver does not always) and clicks it. */
  async click(css) {
    const element = await this.waitFor(css);
    await this.execute('arguments[0].scrollIntoView({ block: "center", inline: "nearest" })', [{ [ELEMENT]: element }]);
    await call("POST", this.path(`/element/${element}/click`), {});
  }

  async text(css) {
    const element = await this.waitFor(css);
    return call("GET", this.path(`/element/${element}/text`));
  }

  async attribute(css, name) {
    const element = await this.find(css);
    return call("GET", this.path(`/element/${element}/attribute/${name}`));
  }

  async clear(css) {
    const element = await this.waitFor(css);
    await call("POST", this.path(`/element/${element}/clear`), {});
  }

  async type(css, text) {
    const element = await this.waitFor(css);
    await call("POST", this.path(`/element/${element}/value`), { text });
  }

  /** Sets a form control's value the way a user would end up with it, firing input/change. */
  async setValue(css, value) {
    await this.waitFor(css);
    await this.execute(
      `const el = document.querySelector(arguments[0]);
       el.value = arguments[1];
       el.dispatchEvent(new Event("input", { bubbles: true }));
       el.dispatchEvent(new Event("change", { bubbles: true }));`,
      [css, value],
    );
  }

  async execute(script, args = []) {
    return call("POST", this.path("/execute/sync"), { script, args });
  }

  /** Runs a script that reports by calling its last argument (W3C "execute async script"). */
  async executeAsync(script, args = []) {
    return call("POST", this.path("/execute/async"), { script, args });
  }

  /** Waits until the text of `css` satisfies `test` (a RegExp or a function); returns it. */
  async waitForText(css, test, timeout = 20000) {
    const check = typeof test === "function" ? test : (text) => test.test(text);
    return until(async () => {
      const text = await this.text(css);
      return check(text) ? text : null;
    }, `${css} text matching ${test}`, timeout);
  }

  /** Saves a PNG of the window. Waits a moment first: the capture can lag one frame. */
  async screenshot(file) {
    await sleep(300);
    const base64 = await call("GET", this.path("/screenshot"));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, Buffer.from(base64, "base64"));
  }
}
