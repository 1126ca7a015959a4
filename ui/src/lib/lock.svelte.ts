// The app lock (F-UX-4) on the window's side. The shell keeps the passphrase's hash and refuses
// every case command while locked; the window shows the lock screen instead of the app (nothing of
// a case is rendered behind it), locks after the analyst's idle time, and reloads the current
// screen after unlocking (App.svelte renders the screens anew).
import type { IpcError, LockStatus } from "../bindings/workbench";
import * as api from "./api";
import { app, drainDeepLinks, ui } from "./app.svelte";
import { closeOverlays } from "./commands.svelte";

export const lock = $state({
  /** A passphrase is set. */
  enabled: false,
  /** Minutes without input after which the window locks. */
  idleMinutes: 15,
  /** The shell has answered `lock_status` once: until then nothing of the app is rendered. */
  known: false,
});

/** How often the idle time is checked (against the wall clock, so a suspended machine locks on waking). */
export const IDLE_CHECK_MS = 5000;

// Any failure with `locked` means the shell is locked: show the lock screen at once.
api.onLockedFailure(() => {
  lock.enabled = true;
  engage();
});

function engage(): void {
  ui.locked = true;
  closeOverlays();
}

/** Takes the shell's answer. */
export function applyLockStatus(status: LockStatus): void {
  lock.enabled = status.enabled;
  lock.idleMinutes = status.idleMinutes;
  lock.known = true;
  if (status.locked) engage();
  else ui.locked = false;
}

/** Asks the shell whether the lock is on and engaged (at start). */
export async function loadLockStatus(): Promise<void> {
  try {
    applyLockStatus(await api.lock_status());
  } catch {
    // The shell could not tell (it failed to start: the start's own failure is shown). The
    // shell still refuses case commands while locked, which shows the lock screen.
    lock.known = true;
  }
}

/** Locks now (the header's button, Ctrl+L, the idle time); nothing happens while the lock is off. */
export async function lockNow(): Promise<void> {
  if (!lock.enabled || ui.locked) return;
  // Hide the app before the shell answers: the data must not stay on screen a moment longer.
  engage();
  try {
    applyLockStatus(await api.lock_now());
  } catch {
    // Stay on the lock screen; unlocking asks the shell again.
  }
}

/** Unlocks with `passphrase`; returns the failure to show (a wrong passphrase is `invalid_input`). */
export async function unlock(passphrase: string): Promise<IpcError | null> {
  try {
    const status = await api.unlock(passphrase);
    if (status.locked) throw new api.IpcFailure({ code: "locked", detail: "locked", message: "locked" });
    // A failure reported while locked would be stale now.
    if (app.banner?.code === "locked") app.banner = null;
    markActivity();
    applyLockStatus(status);
    // Links that arrived while locked waited with the shell.
    void drainDeepLinks();
    return null;
  } catch (error) {
    return api.toFailure(error).toIpcError();
  }
}

/** Sets (or, with `null`, removes) the passphrase and the idle time. */
export async function configureLock(passphrase: string | null, idleMinutes: number): Promise<void> {
  applyLockStatus(await api.set_app_lock(passphrase, idleMinutes));
}

/** True when the analyst has been idle for `idleMinutes` (pure, for the check below). */
export function idleExpired(lastActivity: number, now: number, idleMinutes: number): boolean {
  return now - lastActivity >= idleMinutes * 60_000;
}

let lastActivity = Date.now();
let lastPointer: { x: number; y: number } | null = null;

function markActivity(): void {
  lastActivity = Date.now();
}

function onPointerMove(event: MouseEvent): void {
  // WebKit also sends a mousemove when the page moves under a still pointer (a list refreshed by
  // polling, say): only a pointer that really moved is the analyst's.
  if (lastPointer && lastPointer.x === event.screenX && lastPointer.y === event.screenY) return;
  lastPointer = { x: event.screenX, y: event.screenY };
  markActivity();
}

/** The analyst's own input; background work (polling, events) never counts. */
const INPUT_EVENTS = ["keydown", "mousedown", "wheel", "touchstart", "pointerdown"] as const;

/** Watches the analyst's input and locks after the idle time; returns the cleanup. */
export function watchIdle(): () => void {
  const options = { capture: true, passive: true } as const;
  markActivity();
  for (const type of INPUT_EVENTS) window.addEventListener(type, markActivity, options);
  window.addEventListener("mousemove", onPointerMove, options);
  const timer = setInterval(() => {
    if (!lock.enabled || ui.locked) {
      // The idle time counts from the moment the lock could engage.
      markActivity();
      return;
    }
    if (idleExpired(lastActivity, Date.now(), lock.idleMinutes)) void lockNow();
  }, IDLE_CHECK_MS);
  return () => {
    clearInterval(timer);
    for (const type of INPUT_EVENTS) window.removeEventListener(type, markActivity, options);
    window.removeEventListener("mousemove", onPointerMove, options);
  };
}
