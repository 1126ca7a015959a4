//! [`write_reply`]: writes a [`Reply`] the way Kontomatik does, with quick-xml's indenting
//! [`Writer`].
//!
//! Reproduced from the captures: the prolog `<?xml version="1.0" encoding="utf-8"?>`; `<reply>`
//! attributes in the order `xmlns:xsi`, `xsi:noNamespaceSchemaLocation` (both only with a schema
//! location), `status`, `user`, `ownerExternalId`, `responseTimestamp`; elements in the model's field
//! order (which is the captures' order); self-closing `<directDebit available=".."/>`,
//! `<supportedAccountType name=".."/>`, `<command name=".."/>`; the PDF parser catalog's
//! `<target>`s directly under `<reply>`, each as an empty element pair; a `<statement>` with its
//! `owners`, `accounts` and (when any) `failedVerifications` directly inside (constructed shape,
//! unverified); `failedVerifications` of an `<exception>` after `friendlyMessage`, only when there
//! are some; empty text written as
//! `<name></name>`; amounts and scores with their own scale; dates `YYYY-MM-DD`;
//! timestamps in UTC with `Z` and the sub-second digits they have (none in the captures'
//! `responseTimestamp`/`retrainedAt`, microseconds in `data.xml`); `deposits` inner XML verbatim. Text escapes `& < > ' "` (the catalog capture
//! writes `&apos;`); with [`WriteOptions::ascii_char_refs`] non-ASCII characters become lowercase
//! hexadecimal character references (`&#xf3;`), as in the catalog capture.
//!
//! Not written: `skipped` items (their raw XML is for people, not for the wire); a `<scores>` element
//! for a model without any score. Absent optional values are absent elements; present empty
//! lists are written as an empty element pair (`<creditCards></creditCards>`).

mod escape;

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use rust_decimal::Decimal;

use self::escape::escape;
use crate::model::{
    Account, Command, CommandResult, CredentialMetadata, CreditCard, DataOwner, DataTarget,
    Envelope, Exception, FailedVerification, MoneyTransaction, Owner, ParserTarget, Payload, Reply,
    ScoreModel, Session, Statement, Target,
};

/// How [`write_reply`] formats the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteOptions {
    /// Spaces per nesting level (Kontomatik uses 3).
    pub indent: usize,
    /// Write every non-ASCII character as a character reference (`&#xf3;`), as the catalog capture
    /// does; the other captures write raw UTF-8.
    pub ascii_char_refs: bool,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            indent: 3,
            ascii_char_refs: false,
        }
    }
}

/// Writes `reply` as a Kontomatik XML document (no trailing newline, like the captures).
pub fn write_reply(reply: &Reply, options: &WriteOptions) -> String {
    let mut out = Out {
        writer: Writer::new_with_indent(Vec::with_capacity(4096), b' ', options.indent),
        ascii: options.ascii_char_refs,
    };
    out.reply(reply);
    let bytes = out.writer.into_inner();
    // Everything written came from `&str`s and ASCII markup.
    String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

/// An attribute value to write, when present.
type Attr<'v> = (&'static str, Option<Cow<'v, str>>);

struct Out {
    writer: Writer<Vec<u8>>,
    ascii: bool,
}

impl Out {
    /// Writes one event. Writing into a `Vec<u8>` cannot fail.
    fn event(&mut self, event: Event<'_>) {
        let written = self.writer.write_event(event);
        debug_assert!(written.is_ok(), "writing to a Vec<u8> failed");
    }

    fn tag<'n>(&self, name: &'n str, attributes: &[Attr<'_>]) -> BytesStart<'n> {
        let mut start = BytesStart::new(name);
        for (key, value) in attributes {
            if let Some(value) = value {
                let escaped = escape(value, self.ascii, true);
                start.push_attribute((key.as_bytes(), escaped.as_bytes()));
            }
        }
        start
    }

    fn start(&mut self, name: &str, attributes: &[Attr<'_>]) {
        let tag = self.tag(name, attributes);
        self.event(Event::Start(tag));
    }

    fn end(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    fn empty(&mut self, name: &str, attributes: &[Attr<'_>]) {
        let tag = self.tag(name, attributes);
        self.event(Event::Empty(tag));
    }

    /// `<name>text</name>` on one line, `<name></name>` when empty.
    fn text(&mut self, name: &str, text: &str) {
        self.start(name, &[]);
        let escaped = escape(text, self.ascii, false);
        self.event(Event::Text(BytesText::from_escaped(escaped)));
        self.end(name);
    }

    fn opt_text(&mut self, name: &str, text: Option<&str>) {
        if let Some(text) = text {
            self.text(name, text);
        }
    }

    fn opt_decimal(&mut self, name: &str, value: Option<&Decimal>) {
        if let Some(value) = value {
            self.text(name, &value.to_string());
        }
    }

    fn opt_date(&mut self, name: &str, value: Option<&NaiveDate>) {
        if let Some(value) = value {
            self.text(name, &value.to_string());
        }
    }

    fn opt_bool(&mut self, name: &str, value: Option<bool>) {
        if let Some(value) = value {
            self.text(name, bool_text(value));
        }
    }

    /// `<name>` children `</name>` for a present list.
    fn list<T>(&mut self, name: &str, items: Option<&Vec<T>>, mut each: impl FnMut(&mut Self, &T)) {
        if let Some(items) = items {
            self.start(name, &[]);
            for item in items {
                each(self, item);
            }
            self.end(name);
        }
    }

    fn reply(&mut self, reply: &Reply) {
        self.event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)));
        let Envelope {
            schema_location,
            status,
            user,
            owner_external_id,
            response_timestamp,
        } = &reply.envelope;
        let xmlns = schema_location
            .as_ref()
            .map(|_| "http://www.w3.org/2001/XMLSchema-instance");
        self.start(
            "reply",
            &[
                ("xmlns:xsi", xmlns.map(Cow::Borrowed)),
                ("xsi:noNamespaceSchemaLocation", borrowed(schema_location)),
                ("status", borrowed(status)),
                ("user", borrowed(user)),
                ("ownerExternalId", borrowed(owner_external_id)),
                (
                    "responseTimestamp",
                    response_timestamp.as_ref().map(timestamp),
                ),
            ],
        );
        match &reply.payload {
            Payload::Command(command) => self.command(command),
            Payload::Exception(exception) => self.exception(exception),
            Payload::Comment(comment) => self.text("comment", comment),
            Payload::Catalog(targets) => self.list("targets", Some(targets), Self::target),
            Payload::OwnerScores(models) => self.list("models", Some(models), Self::model),
            Payload::Data(owner) => self.data_owner(owner),
            Payload::Session(session) => self.session(session),
            Payload::Statement(statement) => self.statement(statement),
            Payload::ParserCatalog(targets) => {
                for target in targets {
                    self.parser_target(target);
                }
            }
            Payload::Empty => {}
        }
        self.end("reply");
    }

    fn command(&mut self, command: &Command) {
        self.start(
            "command",
            &[
                ("id", Some(Cow::Borrowed(&command.id))),
                ("state", Some(Cow::Borrowed(command.state.as_str()))),
                ("name", Some(Cow::Borrowed(&command.name))),
                ("target", borrowed(&command.target)),
                ("institution", borrowed(&command.institution)),
            ],
        );
        if let Some(progress) = command.progress {
            self.start("progress", &[]);
            self.text("value", &progress.to_string());
            self.end("progress");
        }
        if let Some(result) = &command.result {
            self.result(result);
        }
        if let Some(exception) = &command.exception {
            self.exception(exception);
        }
        self.end("command");
    }

    fn result(&mut self, result: &CommandResult) {
        self.start("result", &[]);
        self.list("owners", result.owners.as_ref(), Self::owner);
        self.list("accounts", result.accounts.as_ref(), Self::account);
        self.list(
            "creditCards",
            result.credit_cards.as_ref(),
            Self::credit_card,
        );
        self.list(
            "moneyTransactions",
            result.money_transactions.as_ref(),
            Self::transaction,
        );
        self.end("result");
    }

    fn exception(&mut self, exception: &Exception) {
        self.start(
            "exception",
            &[("name", Some(Cow::Borrowed(&exception.name)))],
        );
        self.opt_text("message", exception.message.as_deref());
        self.opt_text("friendlyMessage", exception.friendly_message.as_deref());
        self.failed_verifications(&exception.failed_verifications);
        self.end("exception");
    }

    /// `failedVerifications/failedVerification*`, only when there are some.
    fn failed_verifications(&mut self, verifications: &[FailedVerification]) {
        if verifications.is_empty() {
            return;
        }
        self.start("failedVerifications", &[]);
        for verification in verifications {
            self.start(
                "failedVerification",
                &[("name", Some(Cow::Borrowed(&verification.name)))],
            );
            if let Some(message) = &verification.message {
                let escaped = escape(message, self.ascii, false);
                self.event(Event::Text(BytesText::from_escaped(escaped)));
            }
            self.end("failedVerification");
        }
        self.end("failedVerifications");
    }

    fn statement(&mut self, statement: &Statement) {
        let consistent = statement
            .is_consistent
            .map(|value| Cow::Borrowed(bool_text(value)));
        self.start(
            "statement",
            &[
                ("id", Some(Cow::Borrowed(&statement.id))),
                ("isConsistent", consistent),
            ],
        );
        self.list("owners", statement.owners.as_ref(), Self::owner);
        self.list("accounts", statement.accounts.as_ref(), Self::account);
        self.failed_verifications(&statement.failed_verifications);
        self.end("statement");
    }

    fn parser_target(&mut self, target: &ParserTarget) {
        self.start(
            "target",
            &[
                ("name", Some(Cow::Borrowed(&target.name))),
                ("officialName", borrowed(&target.official_name)),
            ],
        );
        self.end("target");
    }

    fn owner(&mut self, owner: &Owner) {
        self.start("owner", &[]);
        self.text("name", &owner.name);
        self.opt_text("address", owner.address.as_deref());
        self.opt_text("polishPesel", owner.polish_pesel.as_deref());
        self.opt_text("polishNip", owner.polish_nip.as_deref());
        self.opt_text("polishRegon", owner.polish_regon.as_deref());
        self.opt_text("phone", owner.phone.as_deref());
        self.opt_text("email", owner.email.as_deref());
        self.opt_text("citizenship", owner.citizenship.as_deref());
        self.opt_text("nationality", owner.nationality.as_deref());
        self.opt_text(
            "personalDocumentType",
            owner.personal_document_type.as_deref(),
        );
        self.opt_text(
            "personalDocumentNumber",
            owner.personal_document_number.as_deref(),
        );
        self.opt_date("birthDate", owner.birth_date.as_ref());
        self.opt_text("birthPlace", owner.birth_place.as_deref());
        self.opt_text("kind", owner.kind.as_deref());
        self.end("owner");
    }

    fn account(&mut self, account: &Account) {
        let partial = account
            .partial_due_to_timeout
            .map(|p| Cow::Borrowed(bool_text(p)));
        self.start("account", &[("partialDueToTimeout", partial)]);
        self.opt_text("name", account.name.as_deref());
        self.opt_text("friendlyName", account.friendly_name.as_deref());
        self.text("iban", &account.iban);
        self.opt_decimal("currencyBalance", account.currency_balance.as_ref());
        self.opt_decimal(
            "currencyFundsAvailable",
            account.currency_funds_available.as_ref(),
        );
        self.opt_text("currencyName", account.currency_name.as_deref());
        self.opt_text("owner", account.owner.as_deref());
        self.opt_date("activeSinceAtLeast", account.active_since_at_least.as_ref());
        if let Some(available) = account.direct_debit {
            self.empty(
                "directDebit",
                &[("available", Some(Cow::Borrowed(bool_text(available))))],
            );
        }
        self.list(
            "moneyTransactions",
            account.money_transactions.as_ref(),
            Self::transaction,
        );
        self.list("owners", account.owners.as_ref(), Self::owner);
        self.end("account");
    }

    fn credit_card(&mut self, card: &CreditCard) {
        let partial = card
            .partial_due_to_timeout
            .map(|p| Cow::Borrowed(bool_text(p)));
        self.start("creditCard", &[("partialDueToTimeout", partial)]);
        self.opt_text("name", card.name.as_deref());
        self.opt_text("cardId", card.card_id.as_deref());
        self.opt_text("iban", card.iban.as_deref());
        self.opt_text("number", card.number.as_deref());
        self.opt_decimal("currencyBalance", card.currency_balance.as_ref());
        self.opt_decimal(
            "currencyFundsAvailable",
            card.currency_funds_available.as_ref(),
        );
        self.opt_text("currencyName", card.currency_name.as_deref());
        self.opt_text("owner", card.owner.as_deref());
        self.opt_decimal("limit", card.limit.as_ref());
        self.opt_decimal("interests", card.interests.as_ref());
        self.opt_date("dueDate", card.due_date.as_ref());
        self.list(
            "moneyTransactions",
            card.money_transactions.as_ref(),
            Self::transaction,
        );
        self.list("owners", card.owners.as_ref(), Self::owner);
        self.end("creditCard");
    }

    fn transaction(&mut self, tx: &MoneyTransaction) {
        self.start("moneyTransaction", &[]);
        self.text("transactionOn", &tx.transaction_on.to_string());
        self.opt_date("bookedOn", tx.booked_on.as_ref());
        self.text("currencyAmount", &tx.currency_amount.to_string());
        self.opt_decimal("currencyBalance", tx.currency_balance.as_ref());
        self.opt_text("title", tx.title.as_deref());
        self.opt_text("party", tx.party.as_deref());
        self.opt_text("partyIban", tx.party_iban.as_deref());
        self.opt_text("kind", tx.kind.as_deref());
        self.opt_text("status", tx.status.as_deref());
        self.opt_text("variableSymbol", tx.variable_symbol.as_deref());
        self.opt_text("constantSymbol", tx.constant_symbol.as_deref());
        self.list("labels", tx.labels.as_ref(), |out, label| {
            out.text("label", label)
        });
        self.end("moneyTransaction");
    }

    fn target(&mut self, target: &Target) {
        self.start(
            "target",
            &[
                ("country", Some(Cow::Borrowed(&target.country))),
                ("name", Some(Cow::Borrowed(&target.name))),
                ("institution", Some(Cow::Borrowed(&target.institution))),
                ("officialName", Some(Cow::Borrowed(&target.official_name))),
                ("officialUrl", borrowed(&target.official_url)),
                ("loginName", borrowed(&target.login_name)),
                ("beta", target.beta.map(|b| Cow::Borrowed(bool_text(b)))),
                ("psd2", target.psd2.map(|b| Cow::Borrowed(bool_text(b)))),
            ],
        );
        self.list(
            "supportedAccountTypes",
            Some(&target.supported_account_types),
            |out, name| {
                out.empty(
                    "supportedAccountType",
                    &[("name", Some(Cow::Borrowed(name)))],
                );
            },
        );
        self.list("commands", Some(&target.commands), |out, name| {
            out.empty("command", &[("name", Some(Cow::Borrowed(name)))]);
        });
        self.list(
            "credentialsMetadata",
            Some(&target.credentials_metadata),
            Self::credential,
        );
        self.end("target");
    }

    fn credential(&mut self, credential: &CredentialMetadata) {
        self.start(
            "credentialMetadata",
            &[("kind", Some(Cow::Borrowed(&credential.kind)))],
        );
        self.text("name", &credential.name);
        self.opt_text("description", credential.description.as_deref());
        self.opt_bool("supported", credential.supported);
        self.opt_bool("asterisked", credential.asterisked);
        self.list("choice", credential.choice.as_ref(), |out, option| {
            out.text("option", option)
        });
        self.end("credentialMetadata");
    }

    fn model(&mut self, model: &ScoreModel) {
        self.start(
            "model",
            &[
                ("id", Some(Cow::Borrowed(&model.id))),
                ("retrainedAt", model.retrained_at.as_ref().map(timestamp)),
            ],
        );
        if model.score.is_some() || model.score_percentile.is_some() || model.score_tier.is_some() {
            self.start("scores", &[]);
            let score = model.score.map(|s| s.to_string());
            let percentile = model.score_percentile.map(|s| s.to_string());
            for (name, value) in [
                ("score", score.as_deref()),
                ("scorePercentile", percentile.as_deref()),
                ("scoreTier", model.score_tier.as_deref()),
            ] {
                if let Some(value) = value {
                    self.start(name, &[]);
                    self.text("value", value);
                    self.end(name);
                }
            }
            self.end("scores");
        }
        self.end("model");
    }

    fn data_owner(&mut self, owner: &DataOwner) {
        self.start(
            "owner",
            &[
                ("externalId", Some(Cow::Borrowed(&owner.external_id))),
                ("createdAt", owner.created_at.as_ref().map(timestamp)),
                ("updatedAt", owner.updated_at.as_ref().map(timestamp)),
                ("origin", borrowed(&owner.origin)),
                ("lastChange", owner.last_change.as_ref().map(timestamp)),
            ],
        );
        for target in &owner.targets {
            self.data_target(target);
        }
        self.end("owner");
    }

    fn data_target(&mut self, target: &DataTarget) {
        self.start(
            "target",
            &[
                ("name", Some(Cow::Borrowed(&target.name))),
                ("officialName", borrowed(&target.official_name)),
                ("institution", borrowed(&target.institution)),
            ],
        );
        self.list("owners", target.owners.as_ref(), Self::owner);
        self.list("accounts", target.accounts.as_ref(), Self::account);
        self.list(
            "creditCards",
            target.credit_cards.as_ref(),
            Self::credit_card,
        );
        if let Some(deposits) = &target.deposits {
            self.start("deposits", &[]);
            self.event(Event::Text(BytesText::from_escaped(deposits.as_str())));
            self.end("deposits");
        }
        self.end("target");
    }

    fn session(&mut self, session: &Session) {
        self.empty(
            "session",
            &[
                ("id", Some(Cow::Borrowed(&session.id))),
                ("signature", Some(Cow::Borrowed(&session.signature))),
                ("multipleAccessId", borrowed(&session.multiple_access_id)),
                ("target", borrowed(&session.target)),
            ],
        );
    }
}

fn borrowed(value: &Option<String>) -> Option<Cow<'_, str>> {
    value.as_deref().map(Cow::Borrowed)
}

fn bool_text(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}

/// `2023-05-23T07:39:06Z`, `2023-05-23T07:35:07.264013Z`: with the sub-second digits it has, so
/// that it reads back the same (whole seconds only lost a `responseTimestamp`'s fraction).
fn timestamp(time: &DateTime<Utc>) -> Cow<'static, str> {
    Cow::Owned(time.to_rfc3339_opts(SecondsFormat::AutoSi, true))
}
