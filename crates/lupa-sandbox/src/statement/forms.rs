//! Turns a statement into bytes in each [`Variant`]'s form: the signed PDF (genuine, history,
//! English, corporate, unknown layout), the edited one, an image-only scan, a password-protected
//! copy, and plain text that is not a PDF.

use chrono::NaiveDate;
use lopdf::encryption::{EncryptionState, EncryptionVersion, Permissions};
use lopdf::{Dictionary, Document, Object, Stream, StringFormat, dictionary};

use super::check::page_text;
use super::layout::{self, amount, period_text, producer, spaced_iban};
use super::plan::{self, Plan};
use super::token::{BLANK, Holder, Kind, Lang, Layout, Token, splice};
use super::{StatementSpec, Variant};
use crate::personas::Generated;

/// The user password of [`Variant::Encrypted`] (Polish banks often use the PESEL; any value
/// does, the parser never gets it).
pub const ENCRYPTION_PASSWORD: &str = "wyciag";

/// What an editor writes as the producer of a document it saved.
const EDITOR: &str = "Adobe Acrobat Pro (64-bit) 24.1.20643";

/// The bytes of `spec`'s document over `generated` (the persona's data for `seed`, `today`).
pub fn render(spec: &StatementSpec, generated: &Generated, seed: u64, today: NaiveDate) -> Vec<u8> {
    let (from, to) = spec.period();
    let Some((index, account)) = plan::account_of(generated, spec.account) else {
        return b"Brak rachunku.\n".to_vec();
    };
    let plan = Plan::new(spec.persona, generated, account, from, to, today);
    let mut token = Token {
        persona: spec.persona.id.to_owned(),
        seed,
        today,
        account: index,
        from,
        to,
        kind: Kind::Statement,
        layout: Layout::Standard,
        holder: Holder::Individual,
        lang: Lang::Pl,
        mac: BLANK.to_owned(),
        sig: BLANK.to_owned(),
    };
    match spec.variant {
        Variant::History => token.kind = Kind::History,
        Variant::UnsupportedLayout => token.layout = Layout::Unknown,
        Variant::Corporate => token.holder = Holder::Corporate,
        Variant::English => token.lang = Lang::En,
        _ => {}
    }
    match spec.variant {
        Variant::Tampered => tampered(&plan, &token),
        Variant::Scan => scan(&plan),
        Variant::Encrypted => encrypted(&signed(&plan, &token).0),
        Variant::NotAPdf => plain_text(&plan),
        _ => signed(&plan, &token).0,
    }
}

fn typeset(plan: &Plan, token: &Token, producer: &str) -> Vec<u8> {
    // A statement has no charts, so only a failure inside krilla could stop it.
    lupa_memo::render(&layout::memo(plan, token, producer))
        .expect("a statement without charts always renders")
}

/// The bank's document: rendered with blank MACs, then the text MAC and the file signature
/// written over the blanks (same length, so the file's offsets stay valid).
fn signed(plan: &Plan, token: &Token) -> (Vec<u8>, Token) {
    let bytes = typeset(plan, token, &producer(&plan.bank, token.layout));
    let mac = token.text_mac(&page_text(&bytes).unwrap_or_default());
    let bytes = splice(&bytes, "mac", BLANK, &mac);
    let token = Token {
        mac,
        ..token.clone()
    };
    let sig = token.file_sig(&bytes);
    let bytes = splice(&bytes, "sig", BLANK, &sig);
    (bytes, Token { sig, ..token })
}

/// The genuine statement with one amount edited and saved by a PDF editor: the bank's token
/// (MAC and signature of the genuine text) kept, the producer the editor's.
fn tampered(plan: &Plan, token: &Token) -> Vec<u8> {
    let (_, genuine) = signed(plan, token);
    typeset(&plan.tampered(), &genuine, EDITOR)
}

/// The genuine PDF protected with [`ENCRYPTION_PASSWORD`] (RC4, 128-bit key). The random tail
/// of `/U` (bytes 16–31, ignored by readers) is zeroed so that the output is deterministic.
fn encrypted(genuine: &[u8]) -> Vec<u8> {
    let encrypt = || -> Result<Vec<u8>, lopdf::Error> {
        let mut doc = Document::load_mem(genuine)?;
        let state = EncryptionState::try_from(EncryptionVersion::V2 {
            document: &doc,
            owner_password: "lupa-sandbox-bank",
            user_password: ENCRYPTION_PASSWORD,
            key_length: 128,
            permissions: Permissions::PRINTABLE | Permissions::COPYABLE,
        })?;
        doc.encrypt(&state)?;
        let id = doc.trailer.get(b"Encrypt")?.as_reference()?;
        if let Object::Dictionary(dict) = doc.get_object_mut(id)?
            && let Ok(Object::String(user, _)) = dict.get_mut(b"U")
            && user.len() >= 32
        {
            user[16..32].fill(0);
        }
        let mut out = Vec::new();
        doc.save_to(&mut out)?;
        Ok(out)
    };
    encrypt().expect("lopdf re-encrypts the PDF it reads back")
}

/// A deterministic stream of pseudo-random bytes (xorshift), for the scan's grain.
struct Grain(u64);

impl Grain {
    fn next(&mut self) -> u8 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 56) as u8
    }
}

const SCAN_WIDTH: usize = 620;
const SCAN_HEIGHT: usize = 877;

/// A scanned page: a greyscale picture of a statement (dark bars where the text was, paper
/// grain), no fonts and no text.
fn scan_picture(plan: &Plan) -> Vec<u8> {
    let seed = plan.iban.bytes().fold(0x9E37_79B9_7F4A_7C15_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let mut grain = Grain(seed | 1);
    let mut pixels: Vec<u8> = (0..SCAN_WIDTH * SCAN_HEIGHT)
        .map(|_| 236 + grain.next() % 16)
        .collect();
    let mut bar = |x: usize, y: usize, w: usize, h: usize, ink: u8| {
        for row in y..(y + h).min(SCAN_HEIGHT) {
            for col in x..(x + w).min(SCAN_WIDTH) {
                pixels[row * SCAN_WIDTH + col] = ink;
            }
        }
    };
    bar(48, 50, 260, 16, 40);
    bar(48, 76, 140, 8, 110);
    let mut y = 110;
    for owner in &plan.owners {
        bar(48, y, 60 + owner.name.len() * 5, 6, 90);
        y += 12;
    }
    bar(48, y + 6, 300, 6, 90);
    y += 36;
    for tx in &plan.rows {
        if y + 10 > SCAN_HEIGHT - 60 {
            break;
        }
        let title = tx.title.as_deref().unwrap_or("").len().min(50);
        bar(48, y, 50, 5, 70);
        bar(110, y, 50, 5, 70);
        bar(172, y, 40 + title * 3, 5, 70);
        bar(470, y, 50, 5, 60);
        bar(530, y, 50, 5, 60);
        y += 11;
    }
    bar(48, SCAN_HEIGHT - 40, 520, 4, 150);
    pixels
}

/// One page holding only the picture, as a scanner's software writes it.
fn scan(plan: &Plan) -> Vec<u8> {
    let mut doc = Document::with_version("1.4");
    let pages_id = doc.new_object_id();
    let mut image = Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => SCAN_WIDTH as i64,
            "Height" => SCAN_HEIGHT as i64,
            "ColorSpace" => "DeviceGray",
            "BitsPerComponent" => 8,
        },
        scan_picture(plan),
    );
    // Uncompressed is still a valid scan; compression only makes it smaller.
    let _ = image.compress();
    let image_id = doc.add_object(image);
    let content = Stream::new(
        Dictionary::new(),
        b"q 595.28 0 0 841.89 0 0 cm /Im1 Do Q".to_vec(),
    );
    let content_id = doc.add_object(content);
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), Object::Real(595.28), Object::Real(841.89)],
        "Contents" => content_id,
        "Resources" => dictionary! { "XObject" => dictionary! { "Im1" => image_id } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    let info_id = doc.add_object(dictionary! {
        "Producer" => Object::String(b"ScanSnap Manager #S1300i".to_vec(), StringFormat::Literal),
        "Creator" => Object::String(b"ScanSnap Manager".to_vec(), StringFormat::Literal),
    });
    doc.trailer.set("Root", catalog_id);
    doc.trailer.set("Info", info_id);
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .expect("writing to memory does not fail");
    out
}

/// The statement as plain UTF-8 text (what a "save as text" gives), to be named `.pdf`.
fn plain_text(plan: &Plan) -> Vec<u8> {
    let mut text = format!(
        "WYCIĄG Z RACHUNKU\n{}\nPosiadacz: {}\nIBAN: {}\nOkres: {}\nSaldo początkowe: {} {cur}\nSaldo końcowe: {} {cur}\n\n",
        plan.bank,
        plan.owner_names(),
        spaced_iban(&plan.iban),
        period_text(plan.from, plan.to),
        amount(plan.opening, Lang::Pl),
        amount(plan.closing, Lang::Pl),
        cur = plan.currency,
    );
    text.push_str("Data operacji;Data księgowania;Opis;Kontrahent;Kwota;Saldo po operacji\n");
    for tx in &plan.rows {
        text.push_str(&format!(
            "{};{};{};{};{};{}\n",
            tx.transaction_on,
            tx.booked_on.map(|d| d.to_string()).unwrap_or_default(),
            tx.title.as_deref().unwrap_or(""),
            tx.party.as_deref().unwrap_or(""),
            amount(tx.currency_amount, Lang::Pl),
            tx.currency_balance
                .map(|b| amount(b, Lang::Pl))
                .unwrap_or_default(),
        ));
    }
    text.into_bytes()
}
