//! The Tauri commands: each takes the state, calls the core method of the same name, and maps
//! its error to `{code, detail, message}` ([`IpcError`]).

use lupa_core::export::{ExportRequest, ExportSummary};
use lupa_core::review::{Edit, EditOutcome, TxFilter, TxPage};
use lupa_core::score::ScoreStatus;
use lupa_core::statement::StatementOutcome;
use lupa_core::workbench::{
    AppInfo, CaseView, CatalogView, ChartRequest, DiffView, ImportStatus, IpcError, KeyCheck,
    KeyStatus, LockStatus, ReviewState, SessionPreview, Settings,
};
use lupa_kontomatik::Environment;
use lupa_store::table::audit_log::AuditRow;
use lupa_store::table::saved_views::SavedViewRow;
use lupa_store::{CaseQuery, CaseSummary, Decision, PurgeReport};
use tauri::State;
use tauri_plugin_opener::OpenerExt;

use crate::Shell;

type Reply<T> = Result<T, IpcError>;

/// Starts the sandbox if active and resumes interrupted imports; the window calls it once.
#[tauri::command]
pub async fn start(shell: State<'_, Shell>) -> Reply<AppInfo> {
    Ok(shell.unguarded()?.start().await?)
}

#[tauri::command]
pub async fn app_info(shell: State<'_, Shell>) -> Reply<AppInfo> {
    Ok(shell.unguarded()?.app_info().await?)
}

#[tauri::command]
pub async fn settings(shell: State<'_, Shell>) -> Reply<Settings> {
    Ok(shell.workbench()?.settings().await?)
}

#[tauri::command]
pub async fn set_environment(shell: State<'_, Shell>, environment: Environment) -> Reply<AppInfo> {
    Ok(shell.workbench()?.set_environment(environment).await?)
}

#[tauri::command]
pub async fn set_proxy(shell: State<'_, Shell>, proxy: Option<String>) -> Reply<Settings> {
    Ok(shell.workbench()?.set_proxy(proxy).await?)
}

#[tauri::command]
pub async fn key_status(shell: State<'_, Shell>) -> Reply<Vec<KeyStatus>> {
    Ok(shell.workbench()?.key_status().await?)
}

#[tauri::command]
pub async fn set_api_key(
    shell: State<'_, Shell>,
    environment: Environment,
    key: String,
) -> Reply<KeyStatus> {
    Ok(shell.workbench()?.set_api_key(environment, key).await?)
}

#[tauri::command]
pub async fn delete_api_key(shell: State<'_, Shell>, environment: Environment) -> Reply<KeyStatus> {
    Ok(shell.workbench()?.delete_api_key(environment).await?)
}

#[tauri::command]
pub async fn check_api_key(shell: State<'_, Shell>, environment: Environment) -> Reply<KeyCheck> {
    Ok(shell.workbench()?.check_api_key(environment).await?)
}

#[tauri::command]
pub async fn preview_session(shell: State<'_, Shell>, text: String) -> Reply<SessionPreview> {
    Ok(shell.workbench()?.preview_session(text).await?)
}

#[tauri::command]
pub async fn start_import(shell: State<'_, Shell>, text: String) -> Reply<ImportStatus> {
    Ok(shell.workbench()?.start_import(text).await?)
}

#[tauri::command]
pub async fn refresh_import(shell: State<'_, Shell>, case_id: i64) -> Reply<ImportStatus> {
    Ok(shell.workbench()?.refresh_import(case_id).await?)
}

#[tauri::command]
pub async fn revoke_multiple_access(shell: State<'_, Shell>, case_id: i64) -> Reply<()> {
    Ok(shell.workbench()?.revoke_multiple_access(case_id).await?)
}

#[tauri::command]
pub async fn list_imports(shell: State<'_, Shell>) -> Reply<Vec<ImportStatus>> {
    Ok(shell.workbench()?.list_imports().await?)
}

#[tauri::command]
pub async fn list_cases(shell: State<'_, Shell>, query: CaseQuery) -> Reply<Vec<CaseSummary>> {
    Ok(shell.workbench()?.list_cases(query).await?)
}

#[tauri::command]
pub async fn case_overview(shell: State<'_, Shell>, case_id: i64) -> Reply<CaseView> {
    Ok(shell.workbench()?.case_overview(case_id).await?)
}

#[tauri::command]
pub async fn catalog(shell: State<'_, Shell>, refresh: bool) -> Reply<CatalogView> {
    Ok(shell.workbench()?.catalog(refresh).await?)
}

/// The `lupa://` links that arrived before the window listened (the launch link); kept while
/// the app is locked.
#[tauri::command]
pub fn take_deep_links(shell: State<'_, Shell>) -> Reply<Vec<String>> {
    shell.workbench()?;
    Ok(std::mem::take(
        &mut *shell
            .pending_links
            .lock()
            .unwrap_or_else(|p| p.into_inner()),
    ))
}

/// Opens the sandbox's SignIn Widget stand-in in the OS browser, so the analyst can play the
/// applicant; returns its URL (also shown, for copying).
#[tauri::command]
pub async fn open_widget(app: tauri::AppHandle, shell: State<'_, Shell>) -> Reply<String> {
    let info = shell.workbench()?.app_info().await?;
    let url = info.widget_url.ok_or_else(|| IpcError {
        code: lupa_core::workbench::IpcCode::NotFound,
        detail: "not_found".into(),
        message: "The sandbox is not running: switch to the sandbox environment first.".into(),
    })?;
    if let Err(error) = app.opener().open_url(&url, None::<&str>) {
        tracing::warn!(%error, "no browser could open the widget");
    }
    Ok(url)
}

#[tauri::command]
pub async fn review_overview(
    shell: State<'_, Shell>,
    case_id: i64,
    instalment: Option<String>,
    instalment_currency: Option<String>,
) -> Reply<ReviewState> {
    let workbench = shell.workbench()?;
    Ok(workbench
        .review_overview(case_id, instalment, instalment_currency)
        .await?)
}

#[tauri::command]
pub async fn review_transactions(
    shell: State<'_, Shell>,
    case_id: i64,
    filter: TxFilter,
    offset: u32,
    limit: u32,
) -> Reply<TxPage> {
    let workbench = shell.workbench()?;
    Ok(workbench
        .review_transactions(case_id, filter, offset, limit)
        .await?)
}

#[tauri::command]
pub async fn review_transaction_ids(
    shell: State<'_, Shell>,
    case_id: i64,
    filter: TxFilter,
) -> Reply<Vec<i64>> {
    let workbench = shell.workbench()?;
    Ok(workbench.review_transaction_ids(case_id, filter).await?)
}

#[tauri::command]
pub async fn edit_transactions(
    shell: State<'_, Shell>,
    case_id: i64,
    transaction_ids: Vec<i64>,
    edit: Edit,
) -> Reply<EditOutcome> {
    let workbench = shell.workbench()?;
    Ok(workbench
        .edit_transactions(case_id, transaction_ids, edit)
        .await?)
}

#[tauri::command]
pub async fn undo_edit(shell: State<'_, Shell>, case_id: i64) -> Reply<EditOutcome> {
    Ok(shell.workbench()?.undo_edit(case_id).await?)
}

#[tauri::command]
pub async fn redo_edit(shell: State<'_, Shell>, case_id: i64) -> Reply<EditOutcome> {
    Ok(shell.workbench()?.redo_edit(case_id).await?)
}

#[tauri::command]
pub async fn record_decision(
    shell: State<'_, Shell>,
    case_id: i64,
    decision: Decision,
    rationale: String,
    analyst: String,
) -> Reply<()> {
    let workbench = shell.workbench()?;
    Ok(workbench
        .record_decision(case_id, decision, rationale, analyst)
        .await?)
}

#[tauri::command]
pub async fn reopen_case(
    shell: State<'_, Shell>,
    case_id: i64,
    reason: String,
    analyst: String,
) -> Reply<()> {
    Ok(shell
        .workbench()?
        .reopen_case(case_id, reason, analyst)
        .await?)
}

#[tauri::command]
pub async fn case_chart(
    shell: State<'_, Shell>,
    case_id: i64,
    request: ChartRequest,
) -> Reply<String> {
    Ok(shell.workbench()?.case_chart(case_id, request).await?)
}

#[tauri::command]
pub async fn import_diff(shell: State<'_, Shell>, earlier: i64, later: i64) -> Reply<DiffView> {
    Ok(shell.workbench()?.import_diff(earlier, later).await?)
}

#[tauri::command]
pub async fn saved_views(shell: State<'_, Shell>) -> Reply<Vec<SavedViewRow>> {
    Ok(shell.workbench()?.saved_views().await?)
}

#[tauri::command]
pub async fn save_view(shell: State<'_, Shell>, name: String, filter: TxFilter) -> Reply<i64> {
    Ok(shell.workbench()?.save_view(name, filter).await?)
}

#[tauri::command]
pub async fn delete_view(shell: State<'_, Shell>, id: i64) -> Reply<()> {
    Ok(shell.workbench()?.delete_view(id).await?)
}

#[tauri::command]
pub async fn score_status(shell: State<'_, Shell>, case_id: i64) -> Reply<ScoreStatus> {
    Ok(shell.workbench()?.score_status(case_id).await?)
}

#[tauri::command]
pub async fn request_score(
    shell: State<'_, Shell>,
    case_id: i64,
    analyst: String,
    confirmed: bool,
) -> Reply<ScoreStatus> {
    Ok(shell
        .workbench()?
        .request_score(case_id, analyst, confirmed)
        .await?)
}

#[tauri::command]
pub async fn set_score_retention(shell: State<'_, Shell>, hours: u32) -> Reply<Settings> {
    Ok(shell.workbench()?.set_score_retention(hours).await?)
}

#[tauri::command]
pub async fn export_case(
    shell: State<'_, Shell>,
    case_id: i64,
    request: ExportRequest,
) -> Reply<ExportSummary> {
    Ok(shell.workbench()?.export_case(case_id, request).await?)
}

/// Sends a dropped or picked PDF statement to the case (F-IMP-11). The file's bytes are the raw
/// request body (no JSON round trip for megabytes); the case, the file's name (percent-encoded)
/// and the analyst's choice on inconsistent documents come as `lupa-*` headers.
#[tauri::command]
pub async fn import_statement(
    shell: State<'_, Shell>,
    request: tauri::ipc::Request<'_>,
) -> Reply<StatementOutcome> {
    let invalid = |message: &str| IpcError {
        code: lupa_core::workbench::IpcCode::InvalidInput,
        detail: "invalid_input".into(),
        message: message.into(),
    };
    let tauri::ipc::InvokeBody::Raw(pdf) = request.body() else {
        return Err(invalid("The statement's bytes are missing."));
    };
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    let case_id = header("lupa-case-id")
        .and_then(|value| value.parse::<i64>().ok())
        .ok_or_else(|| invalid("The case is missing."))?;
    let file_name = header("lupa-file-name")
        .map(|value| {
            url::form_urlencoded::parse(format!("n={value}").as_bytes())
                .map(|(_, name)| name.into_owned())
                .next()
                .unwrap_or_default()
        })
        .unwrap_or_default();
    let accept = header("lupa-accept-inconsistent").as_deref() == Some("true");
    Ok(shell
        .workbench()?
        .import_statement(case_id, file_name, pdf.clone(), accept)
        .await?)
}

/// Shows an exported file in the system's file manager; only files in the export folder.
#[tauri::command]
pub async fn reveal_export(
    app: tauri::AppHandle,
    shell: State<'_, Shell>,
    path: String,
) -> Reply<()> {
    let folder = shell.workbench()?.export_dir();
    let path = std::path::PathBuf::from(path);
    if path.parent() != Some(folder.as_path()) {
        return Err(IpcError {
            code: lupa_core::workbench::IpcCode::InvalidInput,
            detail: "invalid_input".into(),
            message: "Only files in Lupa's export folder can be shown.".into(),
        });
    }
    if let Err(error) = app.opener().reveal_item_in_dir(&path) {
        tracing::warn!(%error, "no file manager could show the export");
    }
    Ok(())
}

#[tauri::command]
pub async fn set_export_dir(shell: State<'_, Shell>, dir: Option<String>) -> Reply<Settings> {
    Ok(shell.workbench()?.set_export_dir(dir).await?)
}

#[tauri::command]
pub async fn lock_status(shell: State<'_, Shell>) -> Reply<LockStatus> {
    Ok(shell.unguarded()?.lock_status().await?)
}

#[tauri::command]
pub async fn set_app_lock(
    shell: State<'_, Shell>,
    passphrase: Option<String>,
    idle_minutes: u32,
) -> Reply<LockStatus> {
    Ok(shell
        .workbench()?
        .set_app_lock(passphrase, idle_minutes)
        .await?)
}

#[tauri::command]
pub async fn unlock(shell: State<'_, Shell>, passphrase: String) -> Reply<LockStatus> {
    Ok(shell.unguarded()?.unlock(passphrase).await?)
}

#[tauri::command]
pub async fn lock_now(shell: State<'_, Shell>) -> Reply<LockStatus> {
    Ok(shell.unguarded()?.lock_now().await?)
}

#[tauri::command]
pub async fn purge_expired(shell: State<'_, Shell>) -> Reply<PurgeReport> {
    Ok(shell.workbench()?.purge_expired().await?)
}

#[tauri::command]
pub async fn audit_log(
    shell: State<'_, Shell>,
    case_id: Option<i64>,
    limit: u32,
) -> Reply<Vec<AuditRow>> {
    Ok(shell.workbench()?.audit_log(case_id, limit).await?)
}
