//! Counterparties Kontomatik has no label for, which the local rules must recognise by name,
//! title or IBAN: betting and casino operators, payday lenders, debt collectors and bailiffs.

use super::merchants::{Party, party};

/// STS (bookmaker).
pub const STS: Party = party(
    "STS S.A. ul. Porcelanowa 11, 40-246 Katowice",
    "1050",
    "109",
    "0000100091215583",
);
/// Fortuna (bookmaker).
pub const FORTUNA: Party = party(
    "Fortuna Online Zakłady Bukmacherskie Sp. z o.o. ul. Bronowicka 1, 30-084 Kraków",
    "1240",
    "472",
    "1111001043871204",
);
/// Totalizator Sportowy, operator of Total Casino.
pub const TOTALIZATOR: Party = party(
    "Totalizator Sportowy Sp. z o.o. Total Casino ul. Targowa 25, 03-728 Warszawa",
    "1240",
    "109",
    "0000510201118930",
);

/// Vivus (payday loans).
pub const VIVUS: Party = party(
    "Vivus Finance Sp. z o.o. ul. Prosta 67, 00-838 Warszawa",
    "1140",
    "101",
    "0000544211001005",
);
/// Wonga (payday loans).
pub const WONGA: Party = party(
    "Wonga.pl Sp. z o.o. ul. Żwirki i Wigury 18, 02-092 Warszawa",
    "1090",
    "101",
    "0000000143781106",
);
/// Filarum (instalment loans).
pub const FILARUM: Party = party(
    "Filarum Sp. z o.o. ul. Puławska 145, 02-715 Warszawa",
    "1020",
    "101",
    "0000740202413377",
);
/// Kuki (payday loans).
pub const KUKI: Party = party(
    "KUKI Sp. z o.o. ul. Jana Kazimierza 3, 01-248 Warszawa",
    "1050",
    "141",
    "1000009122770318",
);
/// Smartney (instalment loans).
pub const SMARTNEY: Party = party(
    "Smartney Sp. z o.o. ul. Srebrna 16, 00-810 Warszawa",
    "1160",
    "220",
    "0000000310298457",
);
/// Provident (home credit).
pub const PROVIDENT: Party = party(
    "Provident Polska S.A. ul. Inflancka 4A, 00-189 Warszawa",
    "1030",
    "150",
    "0000120200345512",
);

/// KRUK (debt collection).
pub const KRUK: Party = party(
    "KRUK S.A. ul. Wołowska 8, 51-116 Wrocław",
    "1140",
    "200",
    "0000394001188732",
);
/// Intrum (debt collection).
pub const INTRUM: Party = party(
    "Intrum Sp. z o.o. ul. Domaniewska 39, 02-672 Warszawa",
    "1240",
    "631",
    "1111000039277402",
);
/// BEST (debt collection).
pub const BEST: Party = party(
    "BEST S.A. ul. Łużycka 8A, 81-537 Gdynia",
    "1160",
    "220",
    "0000000211884301",
);
/// Ultimo (debt collection).
pub const ULTIMO: Party = party(
    "Ultimo Sp. z o.o. ul. Maksymiliana Klimasa 48, 50-515 Wrocław",
    "1050",
    "157",
    "1000009042617724",
);
/// EOS KSI (debt collection).
pub const EOS: Party = party(
    "EOS KSI Polska Sp. z o.o. ul. Rodziny Hiszpańskich 8, 02-685 Warszawa",
    "1090",
    "101",
    "0000000122034579",
);

/// The bailiff whose seizure the bank executes.
pub const KOMORNIK_KIELCE: Party = party(
    "Komornik Sądowy przy Sądzie Rejonowym w Kielcach Anna Wilk Kancelaria Komornicza nr IV ul. Sienkiewicza 21, 25-007 Kielce",
    "1090",
    "262",
    "0000000138520471",
);
/// The bailiff the applicant pays voluntarily.
pub const KOMORNIK_OSTROWIEC: Party = party(
    "Komornik Sądowy przy Sądzie Rejonowym w Ostrowcu Świętokrzyskim Tomasz Gajewski ul. Iłżecka 33, 27-400 Ostrowiec Świętokrzyski",
    "1020",
    "264",
    "0000620201093368",
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::personas::iban;

    #[test]
    fn risky_parties_have_valid_ibans() {
        let parties = [
            &STS,
            &FORTUNA,
            &TOTALIZATOR,
            &VIVUS,
            &WONGA,
            &FILARUM,
            &KUKI,
            &SMARTNEY,
            &PROVIDENT,
            &KRUK,
            &INTRUM,
            &BEST,
            &ULTIMO,
            &EOS,
            &KOMORNIK_KIELCE,
            &KOMORNIK_OSTROWIEC,
        ];
        for party in parties {
            let number = party.iban();
            assert!(
                iban::is_valid(&number) && iban::has_valid_sort_code(&number),
                "{}",
                party.text
            );
        }
    }
}
