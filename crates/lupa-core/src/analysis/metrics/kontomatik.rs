//! The Kontomatik cross-check: the Score stored verbatim as an external opinion, how many
//! transactions carry labels, and where labels and local rules disagree.

use super::{Metric, MetricValue, Scope, metric, ratio};
use crate::analysis::categorize::label_disagrees;
use crate::analysis::input::ScoreInput;
use rust_decimal::Decimal;

pub(super) fn push(scope: &Scope<'_>, metrics: &mut Vec<Metric>) {
    // One sequential pass over the results (input order) instead of random access per index.
    let mut labelled = vec![false; scope.cats.len()];
    let mut disagrees = vec![false; scope.cats.len()];
    for (position, result) in scope.cats.iter().enumerate() {
        labelled[position] = !result.flags.kontomatik_labels.is_empty();
        disagrees[position] = label_disagrees(result);
    }
    let labelled_count = scope.all.iter().filter(|index| labelled[**index]).count();
    metrics.push(metric(
        "label_coverage",
        ratio(
            Decimal::from(labelled_count),
            Decimal::from(scope.all.len()),
        )
        .map(MetricValue::Ratio),
        Vec::new(),
    ));
    let disagreements: Vec<i64> = scope
        .all
        .iter()
        .filter(|index| disagrees[**index])
        .map(|index| scope.id(*index))
        .collect();
    metrics.push(metric(
        "label_vs_local_disagreements",
        Some(MetricValue::Count(disagreements.len() as u64)),
        disagreements,
    ));
}

/// `kontomatik_score`, `kontomatik_percentile`, `kontomatik_tier` and `kontomatik_model` of the
/// first model (every model stays available in [`crate::analysis::Analysis::scores`]).
pub(crate) fn external(scores: &[ScoreInput]) -> Vec<Metric> {
    let first = scores.first();
    vec![
        metric(
            "kontomatik_score",
            first.and_then(|model| model.score).map(MetricValue::Ratio),
            Vec::new(),
        ),
        metric(
            "kontomatik_percentile",
            first
                .and_then(|model| model.percentile)
                .map(MetricValue::Ratio),
            Vec::new(),
        ),
        metric(
            "kontomatik_tier",
            first
                .and_then(|model| model.tier.clone())
                .map(MetricValue::Text),
            Vec::new(),
        ),
        metric(
            "kontomatik_model",
            first.map(|model| MetricValue::Text(model.model_id.clone())),
            Vec::new(),
        ),
    ]
}
