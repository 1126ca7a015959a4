//! The local analysis (issue 4): personas' documented facts, the real capture, and each
//! mechanism on small inputs.

mod capture;
mod checklist;
mod continuity;
mod naming;
mod overrides;
mod own_transfers;
mod personas_employed;
mod personas_risky;
mod robustness;
mod support;
mod text_and_rules;
