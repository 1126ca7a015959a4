// The command registry behind the command palette and the help overlay (F-UX-2). App.svelte
// registers the global commands; a screen registers its own while it is mounted:
//
//   onMount(() => registerCommands("case-view", [{ id: "case.back", label: () => t("back"), run: back }]));
//
// A command's `shortcut` is what the palette and the help show; the key itself is handled by
// whoever registered the command (App.svelte's onKeydown for the global ones).
import { untrack } from "svelte";

export type Command = {
  /** Unique across the registry; a later registration with the same id wins. */
  id: string;
  /** Shown in the palette and the help, in the current locale. */
  label: () => string;
  /** As shown, e.g. `Ctrl+1`, `?`, `Ctrl+K / Ctrl+P` (alternatives separated by ` / `). */
  shortcut?: string;
  /** The heading it is listed under in the help, and the tag it carries in the palette. */
  group?: () => string;
  /** More words the palette matches (synonyms, the other language's word), space-separated. */
  keywords?: () => string;
  run: () => void | Promise<void>;
  /** When false the palette leaves it out (the help still lists its shortcut). */
  enabled?: () => boolean;
};

type Registration = { owner: string; commands: readonly Command[] };

let registrations: Registration[] = $state.raw([]);

/** Adds `commands` under `owner`; returns the function that removes exactly this registration. */
export function registerCommands(owner: string, commands: Command[]): () => void {
  const registration: Registration = { owner, commands: [...commands] };
  // Untracked: registering from an $effect must not make the effect depend on the registry.
  untrack(() => (registrations = [...registrations, registration]));
  return () => {
    untrack(() => (registrations = registrations.filter((known) => known !== registration)));
  };
}

/** Every registered command, in registration order; for a repeated id the latest one, in its place. */
export function listCommands(): Command[] {
  const all = registrations.flatMap((registration) => registration.commands);
  return all.filter((command, index) => all.findLastIndex((other) => other.id === command.id) === index);
}

/** Which keyboard overlay is open: at most one at a time. */
export const overlay = $state({ palette: false, help: false });

export function openPalette(): void {
  overlay.help = false;
  overlay.palette = true;
}

export function openHelp(): void {
  overlay.palette = false;
  overlay.help = true;
}

export function closeOverlays(): void {
  overlay.palette = false;
  overlay.help = false;
}

/** Lower case, without diacritics (`ł` too, which Unicode does not decompose). */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/ł/g, "l")
    .replace(/Ł/g, "L")
    .toLowerCase();
}

/**
 * The enabled commands matching `query`, best first: every word of the query must occur in the
 * label, the group or the keywords (case- and diacritics-insensitive); labels starting with the
 * query come first, then labels with a word starting with it, then the rest, each in registry order.
 */
export function filterCommands(commands: readonly Command[], query: string): Command[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const phrase = words.join(" ");
  const ranked: { command: Command; rank: number; order: number }[] = [];
  commands.forEach((command, order) => {
    if (command.enabled && !command.enabled()) return;
    const label = fold(command.label());
    const haystack = `${label} ${fold(command.group?.() ?? "")} ${fold(command.keywords?.() ?? "")}`;
    if (!words.every((word) => haystack.includes(word))) return;
    let rank = 3;
    if (label.startsWith(phrase)) rank = 0;
    else if (label.includes(` ${phrase}`)) rank = 1;
    else if (words.every((word) => label.includes(word))) rank = 2;
    ranked.push({ command, rank, order });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return ranked.map((entry) => entry.command);
}
