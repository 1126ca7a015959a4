//! Lupa's desktop shell: adapters only. It holds one [`lupa_core::workbench::Workbench`], turns each
//! Tauri command into one call of the core method of the same name, forwards the core's events to
//! the window, and wires the OS: deep links, a single instance, the browser for the widget.

#[cfg(test)]
mod bindings;
#[cfg(test)]
mod capabilities;
mod commands;
mod deep_link;

use std::sync::{Arc, Mutex};

use lupa_core::workbench::{EventSink, ImportStatus, IpcError, Workbench, WorkbenchOptions};
use tauri::{AppHandle, Emitter, Manager};

/// The event carrying an [`ImportStatus`] whenever it changes.
pub const IMPORT_CHANGED: &str = "import-changed";
/// The event carrying a `lupa://` link delivered to the running app.
pub const DEEP_LINK: &str = "deep-link";

/// The shell's state: the workbench, or why it could not open (the UI shows that instead).
pub struct Shell {
    workbench: Result<Workbench, IpcError>,
    /// Links that arrived before the window asked for them (the one the app was launched with).
    pending_links: Mutex<Vec<String>>,
}

impl Shell {
    /// The workbench for a command that shows or changes case data: refused while the app is
    /// locked (F-UX-4).
    fn workbench(&self) -> Result<&Workbench, IpcError> {
        let workbench = self.unguarded()?;
        workbench.ensure_unlocked()?;
        Ok(workbench)
    }

    /// The workbench for the few commands that work while locked (start, app info, the lock).
    fn unguarded(&self) -> Result<&Workbench, IpcError> {
        self.workbench.as_ref().map_err(Clone::clone)
    }
}

struct WindowSink(AppHandle);

impl EventSink for WindowSink {
    fn import_changed(&self, status: &ImportStatus) {
        if let Err(error) = self.0.emit(IMPORT_CHANGED, status) {
            tracing::warn!(%error, "could not send an import status to the window");
        }
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("LUPA_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,lupa=info,lupa_core=info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Builds and runs the app.
pub fn run() {
    let launched_at = std::time::SystemTime::now();
    init_logging();
    tauri::Builder::default()
        // First: a second launch (e.g. the OS opening a lupa:// link) hands its arguments to this
        // instance and exits; the deep-link plugin turns them into an open-url event.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            deep_link::focus_main(app);
        }))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            let handle = app.handle().clone();
            let sink = Arc::new(WindowSink(handle.clone()));
            let options = WorkbenchOptions {
                launched_at,
                ..WorkbenchOptions::from_env()
            };
            let workbench = Workbench::open(options, sink).map_err(|error| IpcError::from(&error));
            if let Err(error) = &workbench {
                tracing::error!(code = ?error.code, "Lupa could not open its database");
            }
            app.manage(Shell {
                workbench,
                pending_links: Mutex::new(Vec::new()),
            });
            deep_link::setup(app)?;
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::start,
            commands::app_info,
            commands::settings,
            commands::set_environment,
            commands::set_proxy,
            commands::key_status,
            commands::set_api_key,
            commands::delete_api_key,
            commands::check_api_key,
            commands::preview_session,
            commands::start_import,
            commands::refresh_import,
            commands::revoke_multiple_access,
            commands::list_imports,
            commands::list_cases,
            commands::case_overview,
            commands::catalog,
            commands::take_deep_links,
            commands::open_widget,
            commands::review_overview,
            commands::review_transactions,
            commands::review_transaction_ids,
            commands::edit_transactions,
            commands::undo_edit,
            commands::redo_edit,
            commands::record_decision,
            commands::reopen_case,
            commands::case_chart,
            commands::import_diff,
            commands::saved_views,
            commands::save_view,
            commands::delete_view,
            commands::score_status,
            commands::request_score,
            commands::set_score_retention,
            commands::export_case,
            commands::import_statement,
            commands::reveal_export,
            commands::set_export_dir,
            commands::lock_status,
            commands::set_app_lock,
            commands::unlock,
            commands::lock_now,
            commands::purge_expired,
            commands::audit_log,
        ])
        .build(tauri::generate_context!())
        .expect("Lupa could not start its window")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event
                && let Ok(workbench) = app.state::<Shell>().workbench()
            {
                tauri::async_runtime::block_on(workbench.shutdown());
            }
        });
}
