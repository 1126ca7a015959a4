//! The bank catalog (F-IMP-10): fetched per environment, cached in memory and on disk (it holds
//! no personal data), browsable offline.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use lupa_kontomatik::Environment;
use lupa_kontomatik::model::Target;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Workbench, lock};
use crate::error::Result;

/// The catalog of one environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "workbench.ts")]
pub struct CatalogView {
    /// Whose catalog.
    pub environment: Environment,
    /// When it was fetched.
    pub fetched_at: DateTime<Utc>,
    /// Targets (banks), in Kontomatik's order.
    pub targets: Vec<Target>,
}

impl Workbench {
    fn catalog_path(&self, environment: Environment) -> PathBuf {
        self.inner
            .options
            .data_dir
            .join(format!("catalog-{environment}.json"))
    }

    pub(super) fn remember_catalog(&self, environment: Environment, targets: Vec<Target>) {
        let view = CatalogView {
            environment,
            fetched_at: Utc::now(),
            targets,
        };
        if let Ok(json) = serde_json::to_vec(&view)
            && let Err(error) = std::fs::write(self.catalog_path(environment), json)
        {
            tracing::warn!(%error, "could not cache the catalog");
        }
        lock(&self.inner.catalogs).insert(environment, view);
    }

    /// The cached catalog of `environment`, without the network.
    pub(super) fn cached_catalog(&self, environment: Environment) -> Option<CatalogView> {
        if let Some(view) = lock(&self.inner.catalogs).get(&environment) {
            return Some(view.clone());
        }
        let bytes = std::fs::read(self.catalog_path(environment)).ok()?;
        let view: CatalogView = serde_json::from_slice(&bytes).ok()?;
        lock(&self.inner.catalogs).insert(environment, view.clone());
        Some(view)
    }

    /// The active environment's catalog: the cached copy unless `refresh` or there is none.
    pub async fn catalog(&self, refresh: bool) -> Result<CatalogView> {
        let environment = self.environment();
        if !refresh && let Some(view) = self.cached_catalog(environment) {
            return Ok(view);
        }
        let client = self.client(environment, None).await?;
        let exchange = client.catalog().await?;
        self.remember_catalog(environment, exchange.value);
        Ok(self
            .cached_catalog(environment)
            .expect("the catalog was just remembered"))
    }
}
