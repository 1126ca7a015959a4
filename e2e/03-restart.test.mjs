// Issue 5 (F-IMP-6): quitting mid-import and starting again finishes the import.
import { test } from "node:test";
import assert from "node:assert/strict";
import { launch, widgetUrl, signIn, pasteAndPreview, startAndWait } from "./support.mjs";
import { sleep } from "./wd.mjs";

test("an import interrupted by quitting resumes and is saved after a restart", async () => {
  let app = await launch();
  const widget = await widgetUrl(app);
  const slow = await signIn(widget, "self-employed+slow");
  await pasteAndPreview(app, slow.json);
  const running = await startAndWait(app, ["in_progress"]);
  await app.waitFor(`.import-row[data-import-id="${running.id}"] .import-command-id`);
  await sleep(500);
  await app.quit(); // the app process is killed with its window

  app = await launch();
  try {
    await app.click("#nav-import");
    const row = `.import-row[data-import-id="${running.id}"]`;
    await app.waitFor(`${row}[data-phase="saved"]`, 60000);
    assert.match(await app.text(row), /resumed after a restart|wznowiony/i);
  } finally {
    await app.quit();
  }
});
