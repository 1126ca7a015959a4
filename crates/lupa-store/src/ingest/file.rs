//! Importing a saved Kontomatik reply from a file (F-IMP-9): a default import's successful
//! command reply, or a `data.xml` reply (one case for its owner, one import per target). The file
//! is stored verbatim first, like a live reply, with call `FILE` and HTTP status 0.

use std::path::Path;

use lupa_kontomatik::Environment;
use lupa_kontomatik::client::RawReply;
use lupa_kontomatik::model::{CommandResult, DataTarget, Payload};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{IngestReport, command_result};
use crate::error::{Error, Result};
use crate::lifecycle::NewImport;
use crate::store::Store;
use crate::types::Flow;

/// The target name stored for a command reply that names none.
const UNKNOWN_TARGET: &str = "unknown";

/// One import a file yields.
struct Part {
    owner_external_id: String,
    target: String,
    file_target_index: Option<i64>,
    result: CommandResult,
    institution: Option<String>,
}

/// What importing a file stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileImport {
    /// SHA-256 of the file, lower-case hex.
    pub sha256: String,
    /// One report per import created (one per `data.xml` target).
    pub reports: Vec<IngestReport>,
}

/// A `data.xml` target as a command result, with its institution.
pub(crate) fn target_result(target: DataTarget) -> (CommandResult, Option<String>) {
    let result = CommandResult {
        owners: target.owners,
        accounts: target.accounts,
        credit_cards: target.credit_cards,
        money_transactions: None,
        skipped: target.skipped,
    };
    (result, target.institution)
}

impl Store {
    /// Imports a file's bytes into `environment`.
    ///
    /// The owner id comes from the file (`data.xml`'s owner, or the reply's `ownerExternalId`),
    /// else from `owner_external_id`, else it is `file-` and the first 16 hex digits of the
    /// file's SHA-256, so importing the same file again lands in the same case. Nothing is
    /// created for a file that is not importable.
    pub fn ingest_file(
        &mut self,
        environment: Environment,
        bytes: &[u8],
        owner_external_id: Option<&str>,
    ) -> Result<FileImport> {
        let reply = lupa_kontomatik::xml::parse_reply(bytes)?;
        let sha256 = hex::encode(Sha256::digest(bytes));
        let derived_owner = format!("file-{}", &sha256[..16]);
        let raw = RawReply {
            call: "FILE".to_owned(),
            http_status: 0,
            body: bytes.to_vec(),
            received_at: self.now(),
        };
        let mut parts = Vec::new();
        match reply.payload {
            Payload::Data(owner) => {
                for (index, target) in owner.targets.into_iter().enumerate() {
                    let name = target.name.clone();
                    let (result, institution) = target_result(target);
                    parts.push(Part {
                        owner_external_id: owner.external_id.clone(),
                        target: name,
                        file_target_index: Some(index as i64),
                        result,
                        institution,
                    });
                }
            }
            Payload::Command(command) => {
                let target = command
                    .target
                    .clone()
                    .unwrap_or_else(|| UNKNOWN_TARGET.to_owned());
                let owner_external_id = reply
                    .envelope
                    .owner_external_id
                    .or(owner_external_id.map(str::to_owned))
                    .unwrap_or(derived_owner);
                let (result, institution) =
                    command_result(Payload::Command(command)).ok_or_else(|| {
                        Error::NotImportable(
                            "the command did not finish successfully with a result".into(),
                        )
                    })?;
                parts.push(Part {
                    owner_external_id,
                    target,
                    file_target_index: None,
                    result,
                    institution,
                });
            }
            _ => {
                return Err(Error::NotImportable(
                    "expected a default import result or a data.xml reply".into(),
                ));
            }
        }
        let mut reports = Vec::with_capacity(parts.len());
        for part in parts {
            let new = NewImport {
                environment,
                owner_external_id: &part.owner_external_id,
                target: &part.target,
                session_id: None,
                since: None,
                flow: Flow::File,
            };
            let (_case_id, import_id) = self.create_import_with(&new, part.file_target_index)?;
            self.save_raw_reply(import_id, &raw)?;
            reports.push(self.ingest_with(import_id, &part.result, part.institution.as_deref())?);
        }
        Ok(FileImport { sha256, reports })
    }

    /// [`Store::ingest_file`] of a file on disk.
    pub fn ingest_file_path(
        &mut self,
        environment: Environment,
        path: &Path,
        owner_external_id: Option<&str>,
    ) -> Result<FileImport> {
        let bytes = std::fs::read(path)?;
        self.ingest_file(environment, &bytes, owner_external_id)
    }
}
