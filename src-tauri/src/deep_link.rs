//! `lupa://import?...` links (F-IMP-1): the link the app was launched with, links a second launch
//! forwards (single-instance), and on Linux the scheme's registration with the desktop.
//!
//! A link never starts an import by itself: the window shows the confirm card (F-IMP-2).

use std::path::Path;
use std::process::Command;

use tauri::{App, AppHandle, Emitter, Manager};
use tauri_plugin_deep_link::DeepLinkExt;

use crate::{DEEP_LINK, Shell};

/// Brings the main window to the front (a second launch forwarded its arguments to us).
pub fn focus_main(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

fn deliver(app: &AppHandle, urls: impl IntoIterator<Item = String>) {
    let shell = app.state::<Shell>();
    let mut pending = shell
        .pending_links
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    let before = pending.len();
    // Only our scheme, and nothing absurdly long: the core validates the content strictly.
    pending.extend(
        urls.into_iter()
            .filter(|url| url.starts_with("lupa:") && url.len() <= 4096),
    );
    if pending.len() > before {
        drop(pending);
        // A poke: the window drains the queue with `take_deep_links`, so a link that arrives
        // before it listens is not lost.
        let _ = app.emit(DEEP_LINK, ());
        focus_main(app);
    }
}

/// Queues the launch link, listens for later ones, and registers the scheme on Linux.
pub fn setup(app: &mut App) -> Result<(), Box<dyn std::error::Error>> {
    let handle = app.handle().clone();
    if let Ok(Some(urls)) = app.deep_link().get_current() {
        deliver(&handle, urls.into_iter().map(|url| url.to_string()));
    }
    let on_open = handle.clone();
    app.deep_link().on_open_url(move |event| {
        deliver(
            &on_open,
            event.urls().into_iter().map(|url| url.to_string()),
        );
    });
    if cfg!(target_os = "linux")
        && std::env::var("LUPA_REGISTER_SCHEME").as_deref() != Ok("0")
        && let Err(error) = register_linux()
    {
        tracing::warn!(%error, "could not register the lupa:// scheme with the desktop");
    }
    Ok(())
}

/// The `.desktop` entry that makes the desktop hand `lupa://` links to this executable. `Exec`
/// is unquoted where the path allows it: Debian 12's `xdg-open` fails on the quoted form that
/// the deep-link plugin writes.
pub fn desktop_entry(executable: &Path) -> String {
    let path = executable.display().to_string();
    let plain = path
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c));
    let exec = if plain {
        path
    } else {
        format!("\"{}\"", path.replace('\\', "\\\\").replace('"', "\\\""))
    };
    format!(
        "[Desktop Entry]\nType=Application\nName=Lupa\nComment=Credit analysis of Kontomatik imports\n\
         Exec={exec} %u\nTerminal=false\nNoDisplay=true\nMimeType=x-scheme-handler/lupa;\n"
    )
}

fn register_linux() -> Result<(), Box<dyn std::error::Error>> {
    let data_home = std::env::var_os("XDG_DATA_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".local/share")))
        .ok_or("no XDG_DATA_HOME or HOME")?;
    let applications = data_home.join("applications");
    std::fs::create_dir_all(&applications)?;
    let entry = applications.join("lupa-handler.desktop");
    let content = desktop_entry(&std::env::current_exe()?);
    if std::fs::read_to_string(&entry).ok().as_deref() != Some(content.as_str()) {
        std::fs::write(&entry, content)?;
        let _ = Command::new("update-desktop-database")
            .arg(&applications)
            .status();
    }
    let status = Command::new("xdg-mime")
        .args(["default", "lupa-handler.desktop", "x-scheme-handler/lupa"])
        .status()?;
    if !status.success() {
        return Err(format!("xdg-mime exited with {status}").into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exec_is_unquoted_for_plain_paths_and_quoted_otherwise() {
        let plain = desktop_entry(Path::new("/opt/lupa/lupa"));
        assert!(plain.contains("\nExec=/opt/lupa/lupa %u\n"), "{plain}");
        assert!(plain.contains("MimeType=x-scheme-handler/lupa;"));
        let spaced = desktop_entry(Path::new("/home/a b/lupa"));
        assert!(
            spaced.contains("\nExec=\"/home/a b/lupa\" %u\n"),
            "{spaced}"
        );
    }
}
