// Small DOM helpers shared by the screens' keyboard handling and the overlays.

/** True when `target` takes typed text, so single-key shortcuts must leave it alone. */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * For an overlay's `onMount`: focuses `focus` now and returns the cleanup that gives focus back
 * to what had it before, unless the analyst has since moved it somewhere outside the overlay.
 */
export function focusAndRestore(focus: HTMLElement | undefined, dialog: () => HTMLElement | undefined): () => void {
  const previous = document.activeElement;
  focus?.focus();
  return () => {
    const now = document.activeElement;
    const lost = !now || now === document.body || (dialog()?.contains(now) ?? false);
    if (lost && previous instanceof HTMLElement && previous.isConnected) previous.focus();
  };
}
