//! Bank-specific transaction type texts (`kind`): every Polish bank names its transaction types
//! differently, and the analysis must not depend on one bank's wording.

/// The `kind` texts one bank uses.
#[derive(Debug)]
pub struct BankStyle {
    /// Card payment in Poland.
    pub card: &'static str,
    /// Card payment abroad or in a foreign currency.
    pub card_foreign: &'static str,
    /// BLIK payment (online or in a shop).
    pub blik: &'static str,
    /// Pay-by-link transfer through a payment processor.
    pub pay_by_link: &'static str,
    /// Incoming transfer from another bank.
    pub transfer_in: &'static str,
    /// Outgoing transfer to another bank.
    pub transfer_out: &'static str,
    /// Transfer between accounts at the same bank (both directions).
    pub internal: &'static str,
    /// ATM withdrawal (card or BLIK).
    pub atm: &'static str,
    /// Cash paid in at a branch or a deposit machine.
    pub cash_deposit: &'static str,
    /// Direct debit (`polecenie zapłaty`).
    pub direct_debit: &'static str,
    /// Standing order.
    pub standing_order: &'static str,
    /// Bank fee or charge.
    pub fee: &'static str,
    /// Transfer to ZUS.
    pub zus: &'static str,
    /// Transfer to a tax office micro-account.
    pub tax: &'static str,
    /// Bailiff seizure debited by the bank.
    pub seizure: &'static str,
    /// Currency exchange between own accounts.
    pub fx: &'static str,
    /// Credit-card repayment from the current account.
    pub card_repayment: &'static str,
}

/// KontoBank, Kontomatik's test bank: the kinds seen in the real capture where it shows them.
pub const KONTOBANK: BankStyle = BankStyle {
    card: "ZAPŁATA KARTĄ",
    card_foreign: "TRANSAKCJA KARTĄ PŁATNICZĄ",
    blik: "PŁATNOŚĆ BLIK",
    pay_by_link: "PRZELEW MTRANSFER WYCHODZACY",
    transfer_in: "PRZELEW PRZYCHODZĄCY",
    transfer_out: "PRZELEW ZEWNĘTRZNY",
    internal: "PRZELEW WEWNĘTRZNY",
    atm: "WYPŁATA Z BANKOMATU",
    cash_deposit: "Wpłata gotówkowa w kasie",
    direct_debit: "POLECENIE ZAPŁATY",
    standing_order: "ZLECENIE STAŁE",
    fee: "OPŁATA",
    zus: "PRZELEW ZUS",
    tax: "PRZELEW PODATKOWY",
    seizure: "ZAJĘCIE KOMORNICZE",
    fx: "WYMIANA WALUT",
    card_repayment: "SPŁATA KARTY KREDYTOWEJ",
};

/// mBank's wording.
pub const MBANK: BankStyle = BankStyle {
    card: "ZAKUP PRZY UŻYCIU KARTY",
    card_foreign: "ZAKUP PRZY UŻYCIU KARTY - ZAGRANICA",
    blik: "BLIK ZAKUP E-COMMERCE",
    pay_by_link: "PRZELEW MTRANSFER WYCHODZACY",
    transfer_in: "PRZELEW ZEWNĘTRZNY PRZYCHODZĄCY",
    transfer_out: "PRZELEW ZEWNĘTRZNY WYCHODZĄCY",
    internal: "PRZELEW WEWNĘTRZNY",
    atm: "WYPŁATA W BANKOMACIE",
    cash_deposit: "WPŁATA GOTÓWKI WE WPŁATOMACIE",
    direct_debit: "POLECENIE ZAPŁATY",
    standing_order: "ZLECENIE STAŁE",
    fee: "OPŁATA",
    zus: "PRZELEW DO ZUS",
    tax: "PRZELEW PODATKOWY",
    seizure: "ZAJĘCIE KOMORNICZE",
    fx: "WYMIANA W KANTORZE MKANTOR",
    card_repayment: "SPŁATA KARTY KREDYTOWEJ",
};

/// PKO BP's wording (mixed case, as iPKO shows it).
pub const PKO: BankStyle = BankStyle {
    card: "Płatność kartą",
    card_foreign: "Płatność kartą - zagraniczna",
    blik: "Płatność web - kod mobilny",
    pay_by_link: "Płatność web",
    transfer_in: "Przelew na rachunek",
    transfer_out: "Przelew z rachunku",
    internal: "Przelew na konto własne",
    atm: "Wypłata z bankomatu",
    cash_deposit: "Wpłata gotówkowa we wpłatomacie",
    direct_debit: "Polecenie zapłaty",
    standing_order: "Zlecenie stałe",
    fee: "Opłata",
    zus: "Przelew do ZUS",
    tax: "Przelew podatkowy",
    seizure: "ZAJĘCIE KOMORNICZE",
    fx: "Wymiana walut",
    card_repayment: "SPŁATA KARTY KREDYTOWEJ",
};

/// The common upper-case wording most other banks use.
pub const GENERIC: BankStyle = BankStyle {
    card: "ZAPŁATA KARTĄ",
    card_foreign: "ZAPŁATA KARTĄ - TRANSAKCJA ZAGRANICZNA",
    blik: "PŁATNOŚĆ BLIK",
    pay_by_link: "PRZELEW ZEWNĘTRZNY",
    transfer_in: "PRZELEW PRZYCHODZĄCY",
    transfer_out: "PRZELEW ZEWNĘTRZNY",
    internal: "PRZELEW WEWNĘTRZNY",
    atm: "WYPŁATA Z BANKOMATU",
    cash_deposit: "WPŁATA GOTÓWKOWA",
    direct_debit: "POLECENIE ZAPŁATY",
    standing_order: "ZLECENIE STAŁE",
    fee: "OPŁATA",
    zus: "PRZELEW ZUS",
    tax: "PRZELEW PODATKOWY",
    seizure: "ZAJĘCIE KOMORNICZE",
    fx: "WYMIANA WALUT",
    card_repayment: "SPŁATA KARTY KREDYTOWEJ",
};
