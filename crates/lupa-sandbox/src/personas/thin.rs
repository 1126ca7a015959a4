//! `thin` (`new`): Julia Mazur, a student who opened her Nest Bank account 30 days ago: a start-up
//! transfer from her mother, one first pay from a civil contract, a few small payments. Too little
//! for Kontomatik to score.

use super::common::{AccountSpec, Ctx, account, days, nrb, owner};
use super::ledger::{Ledger, Tx};
use super::merchants::{GROCERIES, LIFESTYLE, Party, party};
use super::spending::{Habits, purchases};
use super::style::GENERIC;
use super::{Generated, PersonaSpec, ScoreOutcome};

/// The persona id.
pub const ID: &str = "thin";

/// The persona.
pub const SPEC: PersonaSpec = PersonaSpec {
    id: ID,
    logins: &["thin", "new"],
    display_name: "Julia Mazur",
    summary: "Student with a Nest Bank account opened 30 days ago: a transfer from her mother, a \
              first civil-contract pay, small payments; Kontomatik cannot score her.",
    facts: &[
        "Owner: Julia Mazur (OWNER, address ul. Półwiejska 17/3, 61-885 Poznań), sole owner of one account, Nest Konto (PLN), active since the first day of the history with an opening balance of 0.00 PLN.",
        "History: exactly 30 days: the first transaction 29 days before the last day, the last one on the last day.",
        "Inflows: 1 000.00 PLN titled \"Na start\" from Beata Mazur on the first day (unlabelled) and one credit of 4 300.00 PLN titled \"Wynagrodzenie - umowa zlecenie 10/Z/2026\" from ZARA POLSKA SP. Z O.O. 12 days before the last day, label compensation only (no salary, no regular wage).",
        "Balance: never below 0.00 PLN.",
        "Score: NoDataToCalculateScore.",
    ],
    target: "NestBankApi",
    institution: "Smart",
    official_name: "Nest Bank",
    history: "30 days",
};

const MOTHER: Party = party(
    "Beata Mazur ul. Grunwaldzka 104/2, 60-307 Poznań",
    "1020",
    "404",
    "0000280201447720",
);
const EMPLOYER: Party = party(
    "ZARA POLSKA SP. Z O.O. ul. Marszałkowska 104/122, 00-017 Warszawa",
    "1030",
    "150",
    "0000126501890021",
);

/// Julia Mazur's thirty days.
pub fn generate(ctx: &mut Ctx) -> Generated {
    let today = ctx.today;
    let start = ctx.days_ago(29);
    let first_pay = ctx.days_ago(12);
    let iban = nrb("1870", "104", "2078061274880001");
    let habits = Habits {
        style: &GENERIC,
        city: "POZNAN",
        shops: &[&GROCERIES, &LIFESTYLE],
        per_day: 1.2,
        amount_pct: 70,
        reserve: 5_000,
    };

    let mut ledger = Ledger::new(0, today);
    for day in days(start, today) {
        if day == start {
            ledger.push(
                Tx::new(day, 100_000, "Na start")
                    .party(MOTHER.text)
                    .iban(&MOTHER.iban())
                    .kind(GENERIC.transfer_in),
            );
        }
        if day == first_pay {
            ledger.push(
                Tx::new(day, 430_000, "Wynagrodzenie - umowa zlecenie 10/Z/2026")
                    .party(EMPLOYER.text)
                    .iban(&EMPLOYER.iban())
                    .kind(GENERIC.transfer_in)
                    .labels(&["compensation"]),
            );
        }
        purchases(ctx, &mut ledger, day, &habits);
        if day == today {
            let minor = ctx.amount(450, 2_900);
            ledger.push(
                Tx::new(day, -minor, "ZABKA Z7781 K.2 POZNAN")
                    .kind(GENERIC.card)
                    .labels(&["grocery"])
                    .booked_after(1),
            );
        }
    }

    let julia = owner(
        "Julia Mazur",
        Some("ul. Półwiejska 17/3, 61-885 Poznań"),
        "OWNER",
    );
    let accounts = vec![account(
        AccountSpec {
            name: "Nest Konto",
            friendly_name: None,
            iban: &iban,
            currency: "PLN",
            active_since: start,
            direct_debit: false,
            overdraft_minor: 0,
            owners: vec![julia.clone()],
        },
        ledger.finish(),
    )];
    Generated {
        owners: vec![julia],
        accounts,
        credit_cards: Vec::new(),
        score: ScoreOutcome::NoData,
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::super::ScoreOutcome;
    use super::super::testkit::*;

    #[test]
    fn thirty_days_two_inflows_and_no_score() {
        for_all("thin", |generated, today| {
            let account = &generated.accounts[0];
            let all = txs(account);
            assert_eq!((today - all.last().unwrap().transaction_on).num_days(), 29);
            assert_eq!(all[0].transaction_on, today);
            assert_eq!(
                account.active_since_at_least,
                Some(all.last().unwrap().transaction_on)
            );
            assert_eq!(opening_balance(account), Decimal::ZERO);
            let credits: Vec<_> = all
                .iter()
                .filter(|tx| tx.currency_amount > Decimal::ZERO)
                .collect();
            assert_eq!(credits.len(), 2);
            let start = titled(account, "Na start");
            assert!(
                start.len() == 1 && all_amounts(&start, "1000.00") && start[0].labels.is_none()
            );
            let pay = titled(account, "Wynagrodzenie - umowa zlecenie");
            assert!(
                pay.len() == 1
                    && all_amounts(&pay, "4300.00")
                    && labels(pay[0]) == ["compensation"]
            );
            assert_eq!((today - pay[0].transaction_on).num_days(), 12);
            assert!(
                all.iter()
                    .all(|tx| tx.currency_balance.unwrap() >= Decimal::ZERO)
            );
            assert_eq!(generated.score, ScoreOutcome::NoData);
        });
    }
}
