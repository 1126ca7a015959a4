//! Polish counterparties: companies and people with addresses and valid IBANs (real bank sort
//! codes), and the shops applicants pay by card, BLIK or pay-by-link.
//!
//! Names of real brands are used because the analysis recognises them; the account numbers are
//! invented and only pass the checksums.

use super::iban;

/// A transfer counterparty: the `party` text as banks show it (name, then address) and its account.
#[derive(Debug)]
pub struct Party {
    /// Name and address, e.g. `Jan Kowalski Dunikowskiego 23B, 01-200 Warszawa`.
    pub text: &'static str,
    /// 4-digit bank id, e.g. `1020` (PKO BP).
    pub bank: &'static str,
    /// 3-digit branch.
    pub branch: &'static str,
    /// 16-digit account number.
    pub account: &'static str,
}

impl Party {
    /// The counterparty's IBAN with a real sort code and correct check digits.
    pub fn iban(&self) -> String {
        iban::polish_iban(&iban::sort_code(self.bank, self.branch), self.account)
    }
}

/// How a shop is paid.
#[derive(Debug, Clone, Copy)]
pub enum Channel {
    /// Card payment: the descriptor and city as title, booked 1–2 days later.
    Card,
    /// Card payment shown the KontoBank way: title `Płatność kartą`, the descriptor as party, no kind.
    CardUntyped,
    /// BLIK payment: booked the same day.
    Blik,
    /// Pay-by-link through a payment processor: the processor is the party.
    PayByLink(&'static Party),
}

/// A place the applicant spends money.
#[derive(Debug)]
pub struct Shop {
    /// Card descriptor or merchant name as it appears in the title; `{city}` becomes the persona's city.
    pub descriptor: &'static str,
    /// How it is paid.
    pub channel: Channel,
    /// Kontomatik labels this kind of payment gets (exact strings only).
    pub labels: &'static [&'static str],
    /// Smallest amount in grosze.
    pub min: i64,
    /// Largest amount in grosze.
    pub max: i64,
    /// Relative frequency among the persona's shops.
    pub weight: u32,
}

/// A [`Party`] literal.
pub const fn party(
    text: &'static str,
    bank: &'static str,
    branch: &'static str,
    account: &'static str,
) -> Party {
    Party {
        text,
        bank,
        branch,
        account,
    }
}

/// A [`Shop`] literal.
pub const fn shop(
    descriptor: &'static str,
    channel: Channel,
    labels: &'static [&'static str],
    min: i64,
    max: i64,
    weight: u32,
) -> Shop {
    Shop {
        descriptor,
        channel,
        labels,
        min,
        max,
        weight,
    }
}

// Payment processors.
/// PayU (pay-by-link and card acquiring).
pub const PAYU: Party = party(
    "PayU S.A. ul. Grunwaldzka 186, 60-166 Poznań",
    "2490",
    "104",
    "0000420034376084",
);
/// Przelewy24 (PayPro S.A.).
pub const PRZELEWY24: Party = party(
    "PayPro S.A. ul. Pastelowa 8, 60-198 Poznań",
    "1090",
    "135",
    "0000000139481573",
);
/// Dotpay, as in the capture (no IBAN shown there; this one is only for the party list).
pub const DOTPAY: Party = party(
    "DOTPAY SPÓŁKA AKCYJNA UL.WIELICKA 72 30-552 KRAKÓW POLSKA",
    "1140",
    "200",
    "0000312588001001",
);

// Utilities, telecoms, insurance.
/// Electricity (south).
pub const TAURON: Party = party(
    "TAURON Sprzedaż sp. z o.o. ul. Łagiewnicka 60, 30-417 Kraków",
    "1050",
    "000",
    "0000990042117361",
);
/// Electricity (east and centre).
pub const PGE: Party = party(
    "PGE Obrót S.A. ul. 8-go Marca 6, 35-959 Rzeszów",
    "1020",
    "443",
    "0000249601118862",
);
/// Electricity (west).
pub const ENEA: Party = party(
    "ENEA S.A. ul. Pastelowa 8, 60-198 Poznań",
    "1240",
    "655",
    "0000220107743116",
);
/// Gas.
pub const PGNIG: Party = party(
    "PGNiG Obrót Detaliczny sp. z o.o. ul. Jana Kazimierza 3, 01-248 Warszawa",
    "1240",
    "109",
    "0000510203846712",
);
/// Water.
pub const WODOCIAGI: Party = party(
    "Wodociągi Jaworzno sp. z o.o. ul. Świętego Wojciecha 27, 43-600 Jaworzno",
    "1020",
    "244",
    "0000280200119537",
);
/// Mobile and landline.
pub const ORANGE: Party = party(
    "Orange Polska S.A. Al. Jerozolimskie 160, 02-326 Warszawa",
    "1030",
    "150",
    "0000512845023190",
);
/// Mobile (Play).
pub const PLAY: Party = party(
    "P4 sp. z o.o. ul. Wynalazek 1, 02-677 Warszawa",
    "1140",
    "200",
    "0000364815520071",
);
/// Insurance.
pub const PZU: Party = party(
    "PZU S.A. Rondo Ignacego Daszyńskiego 4, 00-843 Warszawa",
    "1020",
    "101",
    "0000311190401145",
);
/// Private healthcare, as in the capture.
pub const MEDICOVER: Party = party(
    "Medi-cover Sp. z o.o. Al. Jerozolimskie 95 00-807 Warszawa, Polska NIP: 525-14-77-607",
    "1050",
    "009",
    "5120006501512900",
);

// Public institutions.
/// ZUS as the payer of pensions and benefits.
pub const ZUS_PAYER: Party = party(
    "ZAKŁAD UBEZPIECZEŃ SPOŁECZNYCH ul. Szamocka 3, 5, 01-748 Warszawa",
    "1010",
    "102",
    "0000261391300000",
);

// People for P2P transfers.
/// The capture's P2P counterparty.
pub const JAN_KOWALSKI: Party = party(
    "Jan Kowalski Dunikowskiego 23B, 01-200 Warszawa",
    "1300",
    "000",
    "2076700146310001",
);
/// A friend.
pub const EWA_NOWICKA: Party = party(
    "Ewa Nowicka ul. Lipowa 7/12, 40-001 Katowice",
    "1140",
    "200",
    "0000327011465502",
);
/// A relative.
pub const STANISLAW_WOJCIK: Party = party(
    "Stanisław Wójcik ul. Ogrodowa 3, 26-600 Radom",
    "1020",
    "423",
    "0000940201731884",
);
/// A colleague.
pub const KATARZYNA_LIS: Party = party(
    "Katarzyna Lis ul. Piękna 44/3, 00-672 Warszawa",
    "1050",
    "141",
    "1000009712345522",
);

/// Friends and family the personas send money to and receive money from.
pub const PEOPLE: [&Party; 4] = [
    &JAN_KOWALSKI,
    &EWA_NOWICKA,
    &STANISLAW_WOJCIK,
    &KATARZYNA_LIS,
];

/// Grocery and drugstore shops, paid by card.
#[rustfmt::skip]
pub const GROCERIES: [Shop; 6] = [
    shop("JMP S.A. BIEDRONKA 4512 /{city}", Channel::Card, &["grocery"], 1_250, 18_900, 9),
    shop("LIDL {city}", Channel::Card, &["grocery"], 1_990, 24_500, 6),
    shop("ZABKA Z6453 K.1 {city}", Channel::Card, &["grocery"], 499, 4_850, 7),
    shop("KAUFLAND PL 6120 {city}", Channel::Card, &["grocery"], 3_500, 31_000, 3),
    shop("ROSSMANN 224 {city}", Channel::Card, &[], 890, 12_000, 2),
    shop("CARREFOUR EXPRESS 0871", Channel::Blik, &["grocery"], 1_100, 9_900, 2),
];

/// Fuel stations.
#[rustfmt::skip]
pub const FUEL: [Shop; 3] = [
    shop("ORLEN STACJA NR 4131 {city}", Channel::Card, &[], 12_000, 32_000, 4),
    shop("BP-KORMORAN 503 {city}", Channel::Card, &[], 10_000, 29_000, 2),
    shop("CIRCLE K 6011 {city}", Channel::Card, &[], 8_000, 25_000, 1),
];

/// Shopping, eating out, transport and leisure.
#[rustfmt::skip]
pub const LIFESTYLE: [Shop; 14] = [
    shop("Allegro.pl - zakup", Channel::PayByLink(&PAYU), &["payment processor"], 2_999, 45_000, 5),
    shop("MEDIA EXPERT 0412 {city}", Channel::Card, &[], 4_999, 119_900, 1),
    shop("Zalando SE zamówienie", Channel::PayByLink(&PAYU), &["apparel", "payment processor"], 8_900, 39_900, 2),
    shop("LPP CROPP  GORNI PL", Channel::CardUntyped, &["apparel"], 4_999, 14_999, 2),
    shop("Pyszne.pl", Channel::Blik, &["food with delivery", "payment processor"], 3_200, 11_800, 4),
    shop("UBER *TRIP HELP.UBER.COM", Channel::Card, &[], 1_800, 6_500, 2),
    shop("BOLT.EU/O/2611", Channel::Card, &[], 1_500, 5_200, 2),
    shop("PKP INTERCITY S.A. BILET", Channel::Blik, &["public transport"], 3_900, 18_900, 1),
    shop("BILETOMAT BILET ZTM    Warszaw", Channel::Card, &["public transport"], 340, 1_100, 3),
    shop("PUB REST/KRAKOW DATA TRANSAKCJI", Channel::Card, &["nightlife"], 1_200, 9_800, 2),
    shop("SWIAT PRASY GDYNIA", Channel::Card, &["press", "leisure"], 690, 2_500, 1),
    shop("CINEMA CITY {city}", Channel::Card, &["leisure"], 2_800, 9_600, 1),
    shop("MCDONALDS 0231 {city}", Channel::Card, &[], 1_990, 6_400, 2),
    shop("DOZ APTEKA 0321 {city}", Channel::Card, &["healthcare"], 1_290, 8_900, 2),
];

/// Pharmacies and doctors, for older personas.
#[rustfmt::skip]
pub const PHARMACY: [Shop; 3] = [
    shop("APTEKA GEMINI 112 {city}", Channel::Card, &["healthcare"], 890, 14_500, 4),
    shop("DOZ APTEKA 0321 {city}", Channel::Card, &["healthcare"], 1_290, 9_900, 3),
    shop("APTEKA POD ORLEM S.C.", Channel::Card, &[], 650, 6_200, 2),
];

/// Small shops close to home, for older personas.
#[rustfmt::skip]
pub const NEIGHBOURHOOD: [Shop; 5] = [
    shop("JMP S.A. BIEDRONKA 1207 {city}", Channel::Card, &["grocery"], 890, 9_800, 8),
    shop("LIDL {city}", Channel::Card, &["grocery"], 1_490, 12_500, 5),
    shop("PIEKARNIA CUKIERNIA SOWA {city}", Channel::Card, &[], 450, 2_600, 4),
    shop("KIOSK RUCH 0412 {city}", Channel::Card, &["press", "leisure"], 350, 1_800, 2),
    shop("PEPCO 1187 {city}", Channel::Card, &[], 990, 8_900, 2),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_party_has_a_valid_iban_with_a_real_sort_code() {
        let parties = [
            &PAYU,
            &PRZELEWY24,
            &DOTPAY,
            &TAURON,
            &PGE,
            &ENEA,
            &PGNIG,
            &WODOCIAGI,
            &ORANGE,
            &PLAY,
            &PZU,
            &MEDICOVER,
            &ZUS_PAYER,
        ];
        for party in parties.into_iter().chain(PEOPLE) {
            let iban = party.iban();
            assert!(iban::is_valid(&iban), "{}: {iban}", party.text);
            assert!(iban::has_valid_sort_code(&iban), "{}: {iban}", party.text);
        }
        assert_eq!(
            JAN_KOWALSKI.iban(),
            "PL83130000002076700146310001",
            "as in the capture"
        );
        assert_eq!(
            PAYU.iban(),
            "PL63249010440000420034376084",
            "as in the capture"
        );
        assert_eq!(
            MEDICOVER.iban(),
            "PL21105000995120006501512900",
            "as in the capture"
        );
    }

    #[test]
    fn shop_amounts_are_sane() {
        for shop in GROCERIES
            .iter()
            .chain(&FUEL)
            .chain(&LIFESTYLE)
            .chain(&PHARMACY)
            .chain(&NEIGHBOURHOOD)
        {
            assert!(0 < shop.min && shop.min <= shop.max, "{}", shop.descriptor);
            assert!(shop.weight > 0, "{}", shop.descriptor);
        }
    }
}
