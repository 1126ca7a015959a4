//! The policy checklist (F-ANA-5): pass, fail, needs review, custom policies and the
//! affordability what-if.

use lupa_core::analysis::checklist::{Outcome, Policy, Threshold, evaluate};
use lupa_core::analysis::{AnalysisOptions, MetricValue};

use super::support::*;

#[test]
fn the_default_policy_has_the_documented_rules() {
    let policy = Policy::builtin();
    let ids: Vec<&str> = policy.rules.iter().map(|rule| rule.id.as_str()).collect();
    for id in [
        "dsti",
        "no_bailiff",
        "gambling",
        "negative_balance",
        "history",
        "income_stability",
        "no_payday_lenders",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
    assert!(
        policy
            .rules
            .iter()
            .all(|rule| !rule.description_pl.is_empty())
    );
}

#[test]
fn affordability_what_if_for_a_proposed_instalment() {
    let mut options = AnalysisOptions::new(today());
    options.proposed_instalment = Some(dec("1000.00"));
    let case = Case::with_options("salaried", options);
    let pln = case.pln();
    let what_if = pln.affordability.as_ref().expect("an instalment in PLN");
    assert_eq!(
        what_if.dsti_before,
        Some(ratio4(dec("842.17"), dec("6450.00")))
    );
    assert_eq!(
        what_if.dsti_after,
        Some(ratio4(dec("1842.17"), dec("6450.00")))
    );
    assert_eq!(
        ratio(pln, "dsti_with_new_loan"),
        what_if.dsti_after.unwrap()
    );
    let before = what_if.free_cash_flow_before.unwrap();
    assert_eq!(before, amount(pln, "free_cash_flow_avg"));
    assert_eq!(what_if.free_cash_flow_after, Some(before - dec("1000.00")));
    let dsti = pln
        .checklist
        .iter()
        .find(|check| check.rule_id == "dsti")
        .unwrap();
    assert_eq!(dsti.outcome, Outcome::Pass, "28.56 % is under 40 %");
    assert!(!dsti.transaction_ids.is_empty(), "evidence");
}

#[test]
fn custom_policies_fail_pass_and_need_review() {
    let policy = Policy::from_toml_str(
        r#"
version = 7
name = "strict"
[attribution]
p2p_out_share = "0.5"
cash_withdrawal_share = "0"
[[rule]]
id = "tiny_dsti"
metric = "dsti"
comparator = "<"
threshold = 0.1
severity = "hard"
description_en = "DSTI below 10 %"
description_pl = "DSTI poniżej 10 %"
[[rule]]
id = "not_self_employed"
metric = "self_employed_indicator"
comparator = "=="
threshold = false
severity = "soft"
description_en = "Employed"
description_pl = "Zatrudniony"
[[rule]]
id = "unknown_metric"
metric = "no_such_metric"
comparator = ">="
threshold = "1"
severity = "soft"
description_en = "?"
description_pl = "?"
[[rule]]
id = "raised"
metric = "dsti"
comparator = "<="
threshold = "0.05"
severity = "hard"
description_en = "raised for high earners"
description_pl = "wyższy próg"
[rule.raised]
threshold = "0.20"
metric = "income_90d_avg"
comparator = ">="
value = "6000"
currency = "PLN"
"#,
    )
    .expect("valid policy");
    assert_eq!(policy.rules[0].threshold, Threshold::Number(dec("0.1")));
    let case = Case::of("salaried");
    let results = evaluate(&policy, &case.pln().metrics);
    let outcomes: Vec<Outcome> = results.iter().map(|result| result.outcome).collect();
    assert_eq!(
        outcomes,
        [
            Outcome::Fail,
            Outcome::Pass,
            Outcome::NeedsReview,
            Outcome::Pass
        ]
    );
    assert_eq!(
        results[0].value,
        Some(MetricValue::Ratio(ratio4(dec("842.17"), dec("6450.00"))))
    );
    assert_eq!(
        results[3].threshold,
        Threshold::Number(dec("0.20")),
        "raised"
    );
    assert!(Policy::from_toml_str("version = 1").is_err());
    let thin = Case::of("thin");
    let thin_results = evaluate(&policy, &thin.pln().metrics);
    assert_eq!(
        thin_results[0].outcome,
        Outcome::Pass,
        "no debt, some income"
    );
    assert_eq!(
        thin_results[3].threshold,
        Threshold::Number(dec("0.05")),
        "not raised"
    );
}
