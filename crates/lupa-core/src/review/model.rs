//! A case held in memory for review: loaded once from the store, re-analysed after each edit.
//! Filtering scans precomputed orders, so a filter change over 100 000 transactions needs no
//! sort (see `docs/performance.md`).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use chrono::NaiveDate;
use lupa_store::table::transaction_notes::NoteRow;
use lupa_store::{CaseId, Store};

use super::columns::Columns;
use super::query::{Selection, SortKey, TxFilter};
use crate::analysis::text::fold;
use crate::analysis::{Analysis, AnalysisInput, AnalysisOptions, analyze};
use crate::case_analysis;
use crate::error::Result;

/// A case's data and analysis for the review screens.
pub struct CaseModel {
    /// The case.
    pub case_id: CaseId,
    /// The analysis date.
    pub as_of: NaiveDate,
    /// Accounts, transactions and overrides.
    pub input: AnalysisInput,
    /// Categories, metrics, checklist, continuity.
    pub analysis: Analysis,
    /// Increases with every change of overrides or notes.
    pub revision: u64,
    pub(crate) notes: HashMap<i64, NoteRow>,
    pub(crate) overridden: HashSet<i64>,
    /// Title, party, kind and party IBAN of each transaction, folded for search.
    pub(crate) search: Vec<Box<str>>,
    /// Compact per-transaction values the filters scan.
    pub(crate) columns: Columns,
    /// Transaction positions in ascending order of each sort key, built on first use.
    orders: [OnceLock<Arc<[u32]>>; SortKey::COUNT],
    /// The last filter's result, so scrolling through it costs only the page.
    pub(crate) last: Mutex<Option<(TxFilter, Arc<Selection>)>>,
}

impl CaseModel {
    /// Loads and analyses `case_id` as of `as_of`.
    pub fn load(store: &Store, case_id: CaseId, as_of: NaiveDate) -> Result<CaseModel> {
        let input = case_analysis::analysis_input(store, case_id)?;
        let notes = store.notes(case_id)?;
        Ok(Self::new(case_id, as_of, input, notes))
    }

    /// A model of `input` with `notes`.
    pub fn new(
        case_id: CaseId,
        as_of: NaiveDate,
        input: AnalysisInput,
        notes: Vec<NoteRow>,
    ) -> CaseModel {
        let analysis = analyze(&input, &AnalysisOptions::new(as_of));
        let search = input
            .transactions
            .iter()
            .map(|tx| {
                let mut text = String::new();
                for part in [&tx.title, &tx.party, &tx.kind, &tx.party_iban]
                    .into_iter()
                    .flatten()
                {
                    text.push_str(&fold(part));
                    text.push('\n');
                }
                text.into_boxed_str()
            })
            .collect();
        let overridden = input.overrides.iter().map(|o| o.transaction_id).collect();
        let notes = notes
            .into_iter()
            .map(|note| (note.transaction_id.0, note))
            .collect();
        let columns = Columns::build(&input, &analysis.transactions, &notes, &overridden);
        CaseModel {
            case_id,
            as_of,
            revision: 0,
            notes,
            overridden,
            search,
            columns,
            orders: Default::default(),
            last: Mutex::new(None),
            input,
            analysis,
        }
    }

    /// Re-reads the analyst's overrides and notes and re-analyses (after an edit, undo or redo).
    pub fn refresh_edits(&mut self, store: &Store) -> Result<()> {
        self.input.overrides = case_analysis::overrides(store, self.case_id)?;
        self.overridden = self
            .input
            .overrides
            .iter()
            .map(|o| o.transaction_id)
            .collect();
        self.notes = store
            .notes(self.case_id)?
            .into_iter()
            .map(|note| (note.transaction_id.0, note))
            .collect();
        self.analysis = analyze(&self.input, &AnalysisOptions::new(self.as_of));
        self.columns = Columns::build(
            &self.input,
            &self.analysis.transactions,
            &self.notes,
            &self.overridden,
        );
        // The category order depends on the analysis.
        self.orders[SortKey::Category as usize] = OnceLock::new();
        *self.last.lock().unwrap_or_else(|e| e.into_inner()) = None;
        self.revision += 1;
        Ok(())
    }

    /// Positions of the transactions in ascending `key` order (ties by date, then id).
    pub(crate) fn order(&self, key: SortKey) -> Arc<[u32]> {
        self.orders[key as usize]
            .get_or_init(|| {
                let txs = &self.input.transactions;
                let mut order: Vec<u32> = (0..txs.len() as u32).collect();
                let by_date = |a: &u32, b: &u32| {
                    let (x, y) = (&txs[*a as usize], &txs[*b as usize]);
                    (x.transaction_on, x.id).cmp(&(y.transaction_on, y.id))
                };
                match key {
                    SortKey::Date => order.sort_unstable_by(by_date),
                    SortKey::Amount => order.sort_unstable_by(|a, b| {
                        txs[*a as usize]
                            .amount
                            .cmp(&txs[*b as usize].amount)
                            .then_with(|| by_date(a, b))
                    }),
                    SortKey::Title => order.sort_by_cached_key(|i| {
                        let tx = &txs[*i as usize];
                        (
                            fold(tx.title.as_deref().or(tx.party.as_deref()).unwrap_or("")),
                            tx.transaction_on,
                            tx.id,
                        )
                    }),
                    SortKey::Category => order.sort_by_cached_key(|i| {
                        let tx = &txs[*i as usize];
                        (
                            self.analysis.transactions[*i as usize].category.code(),
                            tx.transaction_on,
                            tx.id,
                        )
                    }),
                    SortKey::Account => order.sort_by_cached_key(|i| {
                        let tx = &txs[*i as usize];
                        (self.columns.account[*i as usize], tx.transaction_on, tx.id)
                    }),
                }
                order.into()
            })
            .clone()
    }

    /// Builds the order of `key` now (the app does it in the background after loading, so the
    /// analyst's first sort by amount or title does not wait for it).
    pub fn warm_order(&self, key: SortKey) {
        self.order(key);
    }
}
