//! Keeping the sandbox's records in a file across restarts ([`SandboxConfig::state_path`]).
//!
//! The file is JSON: `{"version": 1, "seed": …, "records": {…}}`. Personas are stored by id and
//! faults by name; it holds no API key. Loading never fails the start: a missing file starts empty,
//! anything else that cannot be used (unreadable, corrupt, another version or seed, an unknown
//! persona) is logged with a warning and starts empty too.
//!
//! Writing is off the request path: a change only bumps a counter under the records' lock and
//! wakes one thread, which serializes the current records and replaces the file atomically (a
//! temporary file in the same directory, then a rename). Changes made while it writes are
//! coalesced into the next write. A failed write is logged and retried on the next change.
//!
//! [`SandboxConfig::state_path`]: crate::SandboxConfig::state_path

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::state::{Records, lock};

/// The version of the file's layout; a file of another version is not loaded.
const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct FileOut<'a> {
    version: u32,
    seed: u64,
    records: &'a Records,
}

#[derive(Deserialize)]
struct FileIn {
    version: u32,
    seed: u64,
    records: serde_json::Value,
}

/// The file's bytes for `records`.
fn encode(records: &Records, seed: u64) -> serde_json::Result<Vec<u8>> {
    serde_json::to_vec(&FileOut {
        version: FORMAT_VERSION,
        seed,
        records,
    })
}

/// The records in a file's bytes, or why they cannot be used.
fn decode(bytes: &[u8], seed: u64) -> Result<Records, String> {
    let file: FileIn =
        serde_json::from_slice(bytes).map_err(|error| format!("not a state file: {error}"))?;
    if file.version != FORMAT_VERSION {
        return Err(format!(
            "format version {} (this sandbox reads {FORMAT_VERSION})",
            file.version
        ));
    }
    if file.seed != seed {
        return Err(format!(
            "written by a sandbox with seed {} (this one has seed {seed}); its session signatures \
             and histories would not match",
            file.seed
        ));
    }
    serde_json::from_value(file.records).map_err(|error| format!("unusable records: {error}"))
}

/// The records kept at `path`, or empty ones (with a warning unless the file does not exist yet).
pub fn load(path: &Path, seed: u64) -> Records {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            tracing::debug!(path = %path.display(), "no sandbox state file yet; starting empty");
            return Records::default();
        }
        Err(error) => {
            tracing::warn!(
                path = %path.display(), %error,
                "cannot read the sandbox state file; starting empty"
            );
            return Records::default();
        }
    };
    match decode(&bytes, seed) {
        Ok(records) => {
            tracing::info!(
                path = %path.display(),
                sessions = records.sessions.len(),
                commands = records.commands.len(),
                "sandbox state loaded"
            );
            records
        }
        Err(reason) => {
            tracing::warn!(
                path = %path.display(), %reason,
                "ignoring the sandbox state file; starting empty (it is replaced on the next change)"
            );
            Records::default()
        }
    }
}

/// Replaces `path` with `bytes`: a temporary file beside it, then a rename, so a reader sees the
/// old file or the new one, never half of one.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    let mut temporary_name = std::ffi::OsString::from(".");
    temporary_name.push(name);
    temporary_name.push(format!(".{}.tmp", std::process::id()));
    let temporary = path.with_file_name(temporary_name);
    let written = (|| {
        let mut options = fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&temporary)?;
        file.write_all(bytes)?;
        fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

#[derive(Default)]
struct Progress {
    /// Changes announced so far.
    requested: u64,
    /// Changes covered by the last write (attempted, even if it failed).
    written: u64,
    /// The owner is gone: write what is pending, then stop.
    closing: bool,
}

#[derive(Default)]
struct Shared {
    progress: Mutex<Progress>,
    wake: Condvar,
}

/// The thread that writes the state file after changes; dropping it writes what is pending.
pub struct Persister {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl Persister {
    /// Starts the writer thread for `path`. If the thread cannot start, the state is not saved
    /// (with a warning) and the sandbox still runs.
    pub fn spawn(path: PathBuf, seed: u64, records: Arc<Mutex<Records>>) -> Persister {
        let shared = Arc::new(Shared::default());
        let thread = std::thread::Builder::new()
            .name("lupa-sandbox-state".to_owned())
            .spawn({
                let shared = shared.clone();
                move || write_loop(&path, seed, &records, &shared)
            });
        let thread = match thread {
            Ok(thread) => Some(thread),
            Err(error) => {
                tracing::warn!(%error, "cannot start the sandbox state writer; state is not saved");
                None
            }
        };
        Persister { shared, thread }
    }

    /// Announces a change. Cheap: called under the records' lock, which keeps changes in order.
    pub fn changed(&self) {
        lock(&self.shared.progress).requested += 1;
        self.shared.wake.notify_all();
    }

    /// Waits (at most `timeout`) until every change announced so far has been written.
    pub fn flush(&self, timeout: Duration) -> bool {
        if self.thread.is_none() {
            return true;
        }
        let progress = lock(&self.shared.progress);
        let target = progress.requested;
        let (progress, _) = self
            .shared
            .wake
            .wait_timeout_while(progress, timeout, |progress| progress.written < target)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        progress.written >= target
    }
}

impl Drop for Persister {
    fn drop(&mut self) {
        lock(&self.shared.progress).closing = true;
        self.shared.wake.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn write_loop(path: &Path, seed: u64, records: &Mutex<Records>, shared: &Shared) {
    let mut progress = lock(&shared.progress);
    loop {
        progress = shared
            .wake
            .wait_while(progress, |progress| {
                progress.written == progress.requested && !progress.closing
            })
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if progress.written == progress.requested {
            return; // closing, nothing pending
        }
        let target = progress.requested;
        drop(progress);
        // Every change counted in `target` was made before it was counted, under the records'
        // lock, so this snapshot contains it.
        let bytes = encode(&lock(records), seed);
        let written = bytes
            .map_err(io::Error::other)
            .and_then(|bytes| write_atomically(path, &bytes));
        if let Err(error) = written {
            tracing::warn!(
                path = %path.display(), %error,
                "cannot write the sandbox state file; the sandbox keeps running"
            );
        }
        progress = lock(&shared.progress);
        progress.written = target;
        shared.wake.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_and_bad_files_are_refused() {
        let records = Records::default();
        let bytes = encode(&records, 7).unwrap();
        assert!(decode(&bytes, 7).is_ok());
        assert!(decode(&bytes, 8).unwrap_err().contains("seed"));
        assert!(decode(b"{\"version\":1", 7).is_err());
        let unknown = br#"{"version":1,"seed":7,"records":{"next_id":1,"sessions":{},"commands":{},
            "owners":{"o":{"persona":"nobody","targets":[],"since":"2025-01-01",
            "created_at":"2025-01-01T00:00:00Z","last_change":"2025-01-01T00:00:00Z"}},
            "multiple_access":{}}}"#;
        assert!(decode(unknown, 7).unwrap_err().contains("unknown persona"));
        let other_version = br#"{"version":99,"seed":7,"records":{}}"#;
        assert!(decode(other_version, 7).unwrap_err().contains("version"));
    }
}
