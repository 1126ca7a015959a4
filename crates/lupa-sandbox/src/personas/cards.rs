//! `cards` (`credit-card`): Agnieszka Szymańska at Credit Agricole with one current account and two
//! credit cards: a Visa repaid in full every month and a Mastercard on which she revolves debt,
//! paying a fixed 300.00 PLN while interest accrues.

use chrono::{Datelike, Days, Months, NaiveDate};
use lupa_kontomatik::model::CreditCard;
use rust_decimal::Decimal;

use super::common::{
    AccountSpec, COMMON_MODEL, Ctx, account, days, nrb, owner, period, score_model,
};
use super::ledger::{Ledger, Tx};
use super::merchants::{FUEL, GROCERIES, LIFESTYLE, NEIGHBOURHOOD, ORANGE, PGE, Party, party};
use super::spending::{Bill, Habits, Pay, atm, bills, purchases};
use super::style::GENERIC;
use super::{Generated, PersonaSpec, ScoreOutcome};

/// The persona id.
pub const ID: &str = "cards";

/// The persona.
pub const SPEC: PersonaSpec = PersonaSpec {
    id: ID,
    logins: &["cards", "credit-card"],
    display_name: "Agnieszka Szymańska",
    summary: "University lecturer at Credit Agricole with two credit cards: one repaid in full, \
              one revolving with a fixed repayment and monthly interest.",
    facts: &[
        "Owner: Agnieszka Szymańska (OWNER, address ul. Narutowicza 33/7, 20-016 Lublin), sole owner of one account, Konto dla Ciebie (friendlyName Główne, PLN), and of two credit cards.",
        "Salary: 24 credits of 6 100.00 PLN titled \"Wynagrodzenie za MM/YYYY\" from UNIWERSYTET MARII CURIE-SKŁODOWSKIEJ W LUBLINIE on the 5th of each month, labels monthly, compensation, regular wage, salary.",
        "Card 1: Karta kredytowa Visa Classic, cardId CC-40917731, number 4*** **** **** 4417, limit 8 000.00 PLN, repaid in full: on the 20th of each month the account pays exactly the card's debt at the end of the previous month (nothing when it was zero), titled \"SPŁATA KARTY KREDYTOWEJ 4*** **** **** 4417\" on both the account and the card, the same day; no interest.",
        "Card 2: Karta kredytowa Mastercard Gold, cardId CC-52230948, number 5*** **** **** 9032, limit 12 000.00 PLN, revolving: 24 repayments of 300.00 PLN titled \"SPŁATA KARTY KREDYTOWEJ 5*** **** **** 9032\" on the 20th of each month, interest titled \"Odsetki od zadłużenia\" (1.5 % of the debt) on the last day of each month; 4 500.00 PLN owed before the first transaction and more at the end.",
        "Cards: currencyBalance is negative (debt), currencyFundsAvailable = limit + balance, dueDate the next 20th after the last day, card transactions unlabelled except shop payments.",
        "Balance: every end-of-day balance of the account is positive; no gambling, payday lenders, bailiff or debt collection.",
        "Score: common-2026-03-02 score 0.6512, percentile 0.5540, tier C.",
    ],
    target: "AgricoleApi",
    institution: "Agricole",
    official_name: "Credit Agricole",
    history: "24 months",
};

const MONTHS: u32 = 24;
const HOLDER: &str = "Agnieszka Szymańska ul. Narutowicza 33/7, 20-016 Lublin";
const EMPLOYER: Party = party(
    "UNIWERSYTET MARII CURIE-SKŁODOWSKIEJ W LUBLINIE pl. Marii Curie-Skłodowskiej 5, 20-031 Lublin",
    "1240",
    "238",
    "1111000024583003",
);

#[rustfmt::skip]
const BILLS: [Bill; 2] = [
    Bill { party: Some(&PGE), title: "Energia elektryczna, nr klienta 2209871144, okres", day: 18, every: 2, min: 11_000, max: 26_000, pay: Pay::DirectDebit, labels: &["utilities"] },
    Bill { party: Some(&ORANGE), title: "Orange Światłowód + TV, faktura", day: 21, every: 1, min: 11_999, max: 13_999, pay: Pay::DirectDebit, labels: &["monthly"] },
];

struct Card {
    name: &'static str,
    card_id: &'static str,
    number: &'static str,
    limit: i64,
    iban: String,
    ledger: Ledger,
}

impl Card {
    fn repay(&mut self, account: &mut Ledger, account_iban: &str, day: NaiveDate, minor: i64) {
        let title = format!("SPŁATA KARTY KREDYTOWEJ {}", self.number);
        account.push(
            Tx::new(day, -minor, title.clone())
                .party(self.name)
                .iban(&self.iban)
                .kind(GENERIC.card_repayment),
        );
        self.ledger.push(
            Tx::new(day, minor, title)
                .party(HOLDER)
                .iban(account_iban)
                .kind(GENERIC.card_repayment),
        );
    }

    fn finish(self, due_date: NaiveDate, owners: Vec<lupa_kontomatik::model::Owner>) -> CreditCard {
        let booked = self.ledger.finish();
        CreditCard {
            partial_due_to_timeout: None,
            name: Some(self.name.to_owned()),
            card_id: Some(self.card_id.to_owned()),
            iban: Some(self.iban),
            number: Some(self.number.to_owned()),
            currency_balance: Some(booked.balance),
            currency_funds_available: Some(Decimal::new(self.limit, 2) + booked.balance),
            currency_name: Some("PLN".to_owned()),
            owner: None,
            limit: Some(Decimal::new(self.limit, 2)),
            interests: None,
            due_date: Some(due_date),
            money_transactions: Some(booked.transactions),
            owners: Some(owners),
        }
    }
}

/// Agnieszka Szymańska's two years.
pub fn generate(ctx: &mut Ctx) -> Generated {
    let today = ctx.today;
    let start = ctx.months_back(MONTHS);
    let account_iban = nrb("1940", "107", "3108551200000001");
    let employer = EMPLOYER.iban();
    let mut visa = Card {
        name: "Karta kredytowa Visa Classic",
        card_id: "CC-40917731",
        number: "4*** **** **** 4417",
        limit: 800_000,
        iban: nrb("1940", "107", "6108551200000417"),
        ledger: Ledger::new(0, today),
    };
    let mut mastercard = Card {
        name: "Karta kredytowa Mastercard Gold",
        card_id: "CC-52230948",
        number: "5*** **** **** 9032",
        limit: 1_200_000,
        iban: nrb("1940", "107", "6208551200009032"),
        ledger: Ledger::new(-450_000, today),
    };
    let debit = Habits {
        style: &GENERIC,
        city: "LUBLIN",
        shops: &[&NEIGHBOURHOOD],
        per_day: 0.6,
        amount_pct: 100,
        reserve: 350_000,
    };
    let visa_habits = Habits {
        style: &GENERIC,
        city: "LUBLIN",
        shops: &[&GROCERIES, &FUEL],
        per_day: 0.7,
        amount_pct: 100,
        reserve: -250_000,
    };
    let mastercard_habits = Habits {
        style: &GENERIC,
        city: "LUBLIN",
        shops: &[&LIFESTYLE],
        per_day: 0.5,
        amount_pct: 130,
        reserve: -(mastercard.limit - 20_000),
    };

    let mut current = Ledger::with_capacity(520_000, today, 1_500);
    let mut visa_statement: Option<i64> = None;
    for day in days(start, today) {
        match day.day() {
            5 => current.push(
                Tx::new(day, 610_000, format!("Wynagrodzenie za {}", period(day)))
                    .party(EMPLOYER.text)
                    .iban(&employer)
                    .kind(GENERIC.transfer_in)
                    .labels(&["monthly", "compensation", "regular wage", "salary"]),
            ),
            20 => {
                if let Some(debt) = visa_statement.filter(|debt| *debt > 0) {
                    visa.repay(&mut current, &account_iban, day, debt);
                }
                mastercard.repay(&mut current, &account_iban, day, 30_000);
            }
            _ => {}
        }
        bills(ctx, &mut current, day, &GENERIC, &BILLS);
        purchases(ctx, &mut current, day, &debit);
        atm(ctx, &mut current, day, &debit, 0.03);
        purchases(ctx, &mut visa.ledger, day, &visa_habits);
        purchases(ctx, &mut mastercard.ledger, day, &mastercard_habits);
        if day.day() == 3 && mastercard.ledger.balance() - 18_900 >= mastercard_habits.reserve {
            mastercard.ledger.push(
                Tx::new(day, -18_900, "ZDROFIT KARNET OPEN LUBLIN")
                    .kind(GENERIC.card)
                    .labels(&["leisure", "monthly"])
                    .booked_after(1),
            );
        }
        if (day + Days::new(1)).day() == 1 {
            let debt = -mastercard.ledger.balance();
            if debt > 0 {
                mastercard.ledger.push(
                    Tx::new(day, -((debt * 15 + 500) / 1_000), "Odsetki od zadłużenia")
                        .kind(GENERIC.fee),
                );
            }
            visa_statement = Some(-visa.ledger.balance());
        }
    }

    let agnieszka = owner(
        "Agnieszka Szymańska",
        Some("ul. Narutowicza 33/7, 20-016 Lublin"),
        "OWNER",
    );
    let this_month = today.with_day(20).expect("20th");
    let due_date = if today.day() < 20 {
        this_month
    } else {
        this_month + Months::new(1)
    };
    let accounts = vec![account(
        AccountSpec {
            name: "Konto dla Ciebie",
            friendly_name: Some("Główne"),
            iban: &account_iban,
            currency: "PLN",
            active_since: start - Days::new(700),
            direct_debit: true,
            overdraft_minor: 0,
            owners: vec![agnieszka.clone()],
        },
        current.finish(),
    )];
    let credit_cards = vec![
        visa.finish(due_date, vec![agnieszka.clone()]),
        mastercard.finish(due_date, vec![agnieszka.clone()]),
    ];
    Generated {
        owners: vec![agnieszka],
        accounts,
        credit_cards,
        score: ScoreOutcome::Models(vec![score_model(COMMON_MODEL, "0.6512", "0.5540", "C")]),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, Days};
    use rust_decimal::Decimal;

    use super::super::testkit::*;

    #[test]
    fn salary_and_card_shapes() {
        for_all("cards", |generated, today| {
            let current = account(generated, "Konto dla Ciebie");
            let salary = titled(current, "Wynagrodzenie za ");
            assert_eq!(salary.len(), 24);
            assert!(all_amounts(&salary, "6100.00") && all_on_day(&salary, 5));
            assert_eq!(generated.credit_cards.len(), 2);
            for card in &generated.credit_cards {
                let balance = card.currency_balance.unwrap();
                assert!(balance <= Decimal::ZERO, "{:?} owes", card.name);
                assert_eq!(
                    card.currency_funds_available.unwrap(),
                    card.limit.unwrap() + balance
                );
                let due = card.due_date.unwrap();
                assert!(due > today && due.day() == 20 && due <= today + Days::new(31));
                assert!(card.number.as_deref().unwrap().starts_with(['4', '5']));
            }
            assert!(
                end_of_day_balances(current)
                    .iter()
                    .all(|(_, b)| *b > Decimal::ZERO)
            );
        });
    }

    #[test]
    fn visa_is_repaid_in_full_and_mastercard_revolves() {
        for_all("cards", |generated, _| {
            let current = account(generated, "Konto dla Ciebie");
            let visa = &generated.credit_cards[0];
            let mastercard = &generated.credit_cards[1];
            let visa_account = card_as_account(visa);
            let repayments = titled(&visa_account, "SPŁATA KARTY KREDYTOWEJ 4*** **** **** 4417");
            assert!(repayments.len() >= 22, "{}", repayments.len());
            let month_ends = end_of_day_balances(&visa_account);
            for repayment in &repayments {
                let first_of_month = repayment.transaction_on.with_day(1).unwrap();
                let statement = month_ends
                    .iter()
                    .rev()
                    .find(|(day, _)| *day < first_of_month)
                    .map(|(_, b)| *b)
                    .unwrap();
                assert_eq!(
                    repayment.currency_amount, -statement,
                    "repays the previous month's debt"
                );
                assert_eq!(repayment.transaction_on.day(), 20);
            }
            let paid_from_account = titled(current, "SPŁATA KARTY KREDYTOWEJ 4*** **** **** 4417");
            assert_eq!(paid_from_account.len(), repayments.len());
            assert!(titled(&visa_account, "Odsetki").is_empty());

            let mastercard_account = card_as_account(mastercard);
            let fixed = titled(
                &mastercard_account,
                "SPŁATA KARTY KREDYTOWEJ 5*** **** **** 9032",
            );
            assert_eq!(fixed.len(), 24);
            assert!(all_amounts(&fixed, "300.00") && all_on_day(&fixed, 20));
            assert_eq!(
                titled(current, "SPŁATA KARTY KREDYTOWEJ 5*** **** **** 9032").len(),
                24
            );
            assert!(!titled(&mastercard_account, "Odsetki od zadłużenia").is_empty());
            assert_eq!(opening_balance(&mastercard_account), dec("-4500.00"));
            assert!(mastercard.currency_balance.unwrap() < dec("-4500.00"));
        });
    }

    fn card_as_account(
        card: &lupa_kontomatik::model::CreditCard,
    ) -> lupa_kontomatik::model::Account {
        lupa_kontomatik::model::Account {
            money_transactions: card.money_transactions.clone(),
            currency_balance: card.currency_balance,
            ..Default::default()
        }
    }
}
