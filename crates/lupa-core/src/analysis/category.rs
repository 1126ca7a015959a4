//! The primary categories of underwriting-analytics.md §5.1, the flags every transaction carries,
//! and where a category came from.
//!
//! Codes are serialized verbatim (`INC_SALARY`, …); [`Category::ALL`] lists them in the document's
//! order. The groups used by the metrics (income, essential, debt service, discretionary, risk)
//! are methods here so that every metric agrees on them.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! categories {
    ($($variant:ident => $code:literal,)*) => {
        /// One primary category per transaction (§5.1), serialized as its code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Category {
            $(
                #[doc = concat!("`", $code, "`.")]
                $variant,
            )*
        }

        impl Category {
            /// Every category, in the order of §5.1.
            pub const ALL: &'static [Category] = &[$(Category::$variant,)*];

            /// The code, e.g. `INC_SALARY`.
            pub const fn code(self) -> &'static str {
                match self {
                    $(Category::$variant => $code,)*
                }
            }
        }

        impl FromStr for Category {
            type Err = UnknownCategory;

            fn from_str(code: &str) -> Result<Self, Self::Err> {
                match code {
                    $($code => Ok(Category::$variant),)*
                    other => Err(UnknownCategory(other.to_owned())),
                }
            }
        }
    };
}

categories! {
    IncSalary => "INC_SALARY",
    IncOtherWork => "INC_OTHER_WORK",
    IncBusiness => "INC_BUSINESS",
    IncPension => "INC_PENSION",
    IncBenefits => "INC_BENEFITS",
    IncAlimony => "INC_ALIMONY",
    IncRental => "INC_RENTAL",
    IncInterestInvest => "INC_INTEREST_INVEST",
    IncRefund => "INC_REFUND",
    IncLoanProceeds => "INC_LOAN_PROCEEDS",
    IncGamblingPayout => "INC_GAMBLING_PAYOUT",
    IncCashDeposit => "INC_CASH_DEPOSIT",
    IncP2p => "INC_P2P",
    IncOwnTransfer => "INC_OWN_TRANSFER",
    IncOther => "INC_OTHER",
    ExpHousingRent => "EXP_HOUSING_RENT",
    ExpUtilities => "EXP_UTILITIES",
    ExpTelecomMedia => "EXP_TELECOM_MEDIA",
    ExpInsurance => "EXP_INSURANCE",
    ExpGroceries => "EXP_GROCERIES",
    ExpHealth => "EXP_HEALTH",
    ExpEduChild => "EXP_EDU_CHILD",
    ExpTransport => "EXP_TRANSPORT",
    ExpTaxSocial => "EXP_TAX_SOCIAL",
    ExpAlimonyPaid => "EXP_ALIMONY_PAID",
    DebtMortgage => "DEBT_MORTGAGE",
    DebtBankLoan => "DEBT_BANK_LOAN",
    DebtCardRepayment => "DEBT_CARD_REPAYMENT",
    DebtNonbank => "DEBT_NONBANK",
    DebtBnplLeasing => "DEBT_BNPL_LEASING",
    DiscShopping => "DISC_SHOPPING",
    DiscDining => "DISC_DINING",
    DiscLeisure => "DISC_LEISURE",
    DiscTravel => "DISC_TRAVEL",
    DiscSubscriptions => "DISC_SUBSCRIPTIONS",
    RiskGambling => "RISK_GAMBLING",
    RiskBailiff => "RISK_BAILIFF",
    RiskDebtCollection => "RISK_DEBT_COLLECTION",
    RiskPenaltyFees => "RISK_PENALTY_FEES",
    RiskReturnedPayment => "RISK_RETURNED_PAYMENT",
    OutCashWithdrawal => "OUT_CASH_WITHDRAWAL",
    OutOwnTransfer => "OUT_OWN_TRANSFER",
    OutSavingsInvest => "OUT_SAVINGS_INVEST",
    OutP2p => "OUT_P2P",
    FeeBank => "FEE_BANK",
    Other => "OTHER",
}

/// True for a credit (amount above zero); a sign test, cheaper than comparing decimals.
pub(crate) fn is_credit(amount: rust_decimal::Decimal) -> bool {
    amount.is_sign_positive() && !amount.is_zero()
}

/// True for a debit (amount below zero).
pub(crate) fn is_debit(amount: rust_decimal::Decimal) -> bool {
    amount.is_sign_negative() && !amount.is_zero()
}

/// The income categories of §5.2 (`income_m0` and friends sum these).
pub const INCOME_CATEGORIES: [Category; 7] = [
    Category::IncSalary,
    Category::IncOtherWork,
    Category::IncBusiness,
    Category::IncPension,
    Category::IncBenefits,
    Category::IncAlimony,
    Category::IncRental,
];

/// Which sign of amount a category describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Credits only (`INC_*`).
    Inflow,
    /// Debits only.
    Outflow,
    /// Either sign (`OTHER`, `RISK_RETURNED_PAYMENT`).
    Either,
}

impl Category {
    /// True for the seven income categories of §5.2.
    pub fn is_income(self) -> bool {
        INCOME_CATEGORIES.contains(&self)
    }

    /// True for `EXP_*`.
    pub fn is_essential(self) -> bool {
        self.code().starts_with("EXP_")
    }

    /// True for `DEBT_*`.
    pub fn is_debt(self) -> bool {
        self.code().starts_with("DEBT_")
    }

    /// True for `DISC_*`.
    pub fn is_discretionary(self) -> bool {
        self.code().starts_with("DISC_")
    }

    /// True for `RISK_*`.
    pub fn is_risk(self) -> bool {
        self.code().starts_with("RISK_")
    }

    /// True for the two own-transfer categories.
    pub fn is_own_transfer(self) -> bool {
        matches!(self, Category::IncOwnTransfer | Category::OutOwnTransfer)
    }

    /// True for `OTHER` and `INC_OTHER` (uncategorised).
    pub fn is_uncategorised(self) -> bool {
        matches!(self, Category::Other | Category::IncOther)
    }

    /// The sign of amount the category describes.
    pub fn direction(self) -> Direction {
        match self {
            Category::Other | Category::RiskReturnedPayment => Direction::Either,
            category if category.code().starts_with("INC_") => Direction::Inflow,
            _ => Direction::Outflow,
        }
    }

    /// True when the category can describe an amount of this sign (`credit` = amount > 0).
    pub fn fits(self, credit: bool) -> bool {
        match self.direction() {
            Direction::Inflow => credit,
            Direction::Outflow => !credit,
            Direction::Either => true,
        }
    }

    /// The uncategorised category for an amount's sign.
    pub fn uncategorised(credit: bool) -> Category {
        if credit {
            Category::IncOther
        } else {
            Category::Other
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Category {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Category {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        code.parse().map_err(serde::de::Error::custom)
    }
}

/// A code that is not one of §5.1's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown category code {0:?}")]
pub struct UnknownCategory(pub String);

/// How the money moved, from the bank's `kind`, the title and Kontomatik's `payment processor` label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Card payment.
    Card,
    /// BLIK payment.
    Blik,
    /// Transfer, standing order or direct debit.
    Transfer,
    /// Cash machine.
    Atm,
    /// Pay-by-link or other payment processor (PayU, Dotpay, Przelewy24, …).
    PaymentProcessor,
}

/// The flags of §5.1 that sit beside the primary category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flags {
    /// Detected monthly recurrence, or Kontomatik's `monthly`.
    pub recurring: bool,
    /// Card, BLIK, transfer, ATM or payment processor, when it can be told.
    pub channel: Option<Channel>,
    /// A 0.01 account-verification transfer (Kontomatik's `verification`); excluded from metrics.
    pub verification_microtransfer: bool,
    /// The booking status is not `DONE`.
    pub pending: bool,
    /// A foreign-currency card payment or a currency exchange.
    pub fx: bool,
    /// Kontomatik's labels, verbatim (shared by the transactions with the same labels).
    pub kontomatik_labels: Arc<[String]>,
}

/// Where a transaction's category came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CategorySource {
    /// A Kontomatik label that maps to the category (the label, verbatim).
    KontomatikLabel(String),
    /// A local rule, by its stable id (`rule:<id>` when displayed).
    Rule(Arc<str>),
    /// The analyst's override.
    Analyst,
}

impl fmt::Display for CategorySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CategorySource::KontomatikLabel(label) => write!(f, "kontomatik_label:{label}"),
            CategorySource::Rule(id) => write!(f, "rule:{id}"),
            CategorySource::Analyst => f.write_str("analyst"),
        }
    }
}

impl FromStr for CategorySource {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text == "analyst" {
            Ok(CategorySource::Analyst)
        } else if let Some(label) = text.strip_prefix("kontomatik_label:") {
            Ok(CategorySource::KontomatikLabel(label.to_owned()))
        } else if let Some(id) = text.strip_prefix("rule:") {
            Ok(CategorySource::Rule(id.into()))
        } else {
            Err(format!("unknown category source {text:?}"))
        }
    }
}

impl Serialize for CategorySource {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CategorySource {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// One transaction's analysis result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Categorized {
    /// The transaction's id in [`super::AnalysisInput`].
    pub transaction_id: i64,
    /// The primary category.
    pub category: Category,
    /// Where it came from.
    pub source: CategorySource,
    /// Flags.
    pub flags: Flags,
    /// Whether the amount counts as income (the category's default unless the analyst decided).
    pub include_in_income: bool,
    /// The other side of an own transfer, when it is among the case's transactions.
    pub own_transfer_counterpart: Option<i64>,
    /// The category Kontomatik's labels map to, if any.
    pub label_category: Option<Category>,
    /// The category local rules (and recurrence) give, ignoring labels and overrides.
    pub local_category: Category,
    /// The local rule behind [`Self::local_category`].
    pub local_rule: Arc<str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_serialize_verbatim() {
        assert_eq!(Category::ALL.len(), 46);
        for category in Category::ALL {
            assert_eq!(category.code().parse::<Category>().unwrap(), *category);
            let json = serde_json::to_string(category).unwrap();
            assert_eq!(json, format!("\"{}\"", category.code()));
        }
        assert_eq!(Category::IncP2p.code(), "INC_P2P");
        assert!(Category::IncSalary.is_income() && !Category::IncRefund.is_income());
        assert_eq!(
            "rule:bailiff".parse::<CategorySource>().unwrap(),
            CategorySource::Rule("bailiff".into())
        );
    }
}
