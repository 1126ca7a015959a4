//! F-ANA-6: no local figure is named or described as a probability of repayment; every metric
//! produced is documented in the catalog.

use lupa_core::analysis::checklist::Policy;
use lupa_core::analysis::metrics::{catalog, describe};

use super::support::*;

#[test]
fn nothing_local_is_a_probability() {
    for entry in catalog() {
        for text in [entry.name, entry.description] {
            assert!(
                !text.to_lowercase().contains("probab"),
                "{}: {text}",
                entry.name
            );
        }
    }
    for rule in &Policy::builtin().rules {
        for text in [
            &rule.id,
            &rule.metric,
            &rule.description_en,
            &rule.description_pl,
        ] {
            let lower = text.to_lowercase();
            assert!(
                !lower.contains("probab") && !lower.contains("prawdopodob"),
                "{text}"
            );
        }
    }
}

#[test]
fn every_metric_produced_is_in_the_catalog() {
    let case = Case::of("gambler");
    let names: Vec<&str> = case
        .pln()
        .metrics
        .metrics
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    for name in &names {
        assert!(describe(name).is_some(), "{name} is not documented");
        assert!(!name.contains("probab"));
    }
    for entry in catalog()
        .iter()
        .filter(|entry| !entry.name.starts_with("kontomatik_"))
    {
        let found = match entry.name.strip_suffix('*') {
            Some(prefix) => names.iter().any(|name| name.starts_with(prefix)),
            None => names.contains(&entry.name),
        };
        assert!(found, "{} is documented but not produced", entry.name);
    }
    let external: Vec<&str> = case
        .analysis
        .external
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(
        external,
        [
            "kontomatik_score",
            "kontomatik_percentile",
            "kontomatik_tier",
            "kontomatik_model"
        ]
    );
}
