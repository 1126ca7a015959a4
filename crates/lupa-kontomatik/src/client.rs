//! The HTTP client of the Kontomatik AIS API (and of the PDF Parsing API, through the one adapter
//! in `client/statement.rs`): reqwest with the `X-Api-Key` header, gzip, timeouts
//! and an optional proxy (F-ENV-3/4). Every call returns the typed value together with the raw
//! reply ([`Exchange`]), because Lupa stores every raw reply verbatim before deriving anything
//! from it; errors that came with a body carry that [`RawReply`] too
//! ([`Error::raw`](crate::Error::raw)).
//!
//! Secrets: the API key travels only in the header (marked sensitive, never logged); a session
//! signature only in a form body. Both are redacted from received bodies and from error messages.

mod interpret;
mod statement;
mod transport;
mod types;

use std::fmt;

use chrono::NaiveDate;
use reqwest::Method;
use url::Url;

use crate::error::Result;
use crate::model::{Command, DataOwner, Envelope, Payload, ScoreModel, Session, Target};
use crate::protocol::{param, path};
use crate::sensitive::ApiKey;

use interpret::CallKind;
pub use statement::{StatementApi, StatementUpload};
pub use types::{
    ClientConfig, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_REPLY_BYTES, DEFAULT_REQUEST_TIMEOUT,
    Exchange, RawReply, SessionCredentials, StartedImport,
};

/// A Kontomatik AIS client. Cheap to clone (the connection pool is shared).
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: Url,
    api_key: Option<ApiKey>,
    max_reply_bytes: u64,
    request_timeout: std::time::Duration,
    statement_api: StatementApi,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url.as_str())
            .field("api_key", &self.api_key.as_ref().map(ApiKey::masked))
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Builds a client. Fails with [`Error::InvalidConfig`](crate::Error::InvalidConfig) for a
    /// base URL that is not `http(s)` with a host, an unusable proxy URL, or an API key that
    /// cannot be an HTTP header value.
    pub fn new(config: ClientConfig) -> Result<Client> {
        let http = transport::build(&config)?;
        Ok(Client {
            http,
            base_url: config.base_url,
            api_key: config.api_key,
            max_reply_bytes: config.max_reply_bytes,
            request_timeout: config.request_timeout,
            statement_api: config.statement_api,
        })
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &Url {
        &self.base_url
    }

    /// `GET /v1/command-catalog.xml`: every target with its supported commands (F-IMP-10).
    /// Also the "check key" call of the settings (F-ENV-2).
    pub async fn catalog(&self) -> Result<Exchange<Vec<Target>>> {
        let raw = self.get(path::COMMAND_CATALOG, &[]).await?;
        self.expect(
            raw,
            CallKind::Plain,
            "<targets>",
            |_, payload| match payload {
                Payload::Catalog(targets) => Some(targets),
                _ => None,
            },
        )
    }

    /// `POST /v1/command/default-import.xml`: starts the session's one default import.
    ///
    /// Never repeat this call for the same session: when the request may have reached
    /// Kontomatik without an answer coming back, the error is
    /// [`Error::StartOutcomeUnknown`](crate::Error::StartOutcomeUnknown);
    /// [`Error::Transport`](crate::Error::Transport) with kind `Connect` means nothing was sent.
    pub async fn start_default_import(
        &self,
        session: &SessionCredentials,
        since: NaiveDate,
    ) -> Result<Exchange<StartedImport>> {
        let since = since.format("%Y-%m-%d").to_string();
        let form = session_form(session, &[(param::SINCE, &since)]);
        let raw = self
            .post(path::DEFAULT_IMPORT, &form, Some(session), CallKind::Start)
            .await?;
        self.expect(
            raw,
            CallKind::Start,
            "<command>",
            |envelope, payload| match payload {
                Payload::Command(command) => Some(StartedImport {
                    command,
                    owner_external_id: envelope.owner_external_id,
                }),
                _ => None,
            },
        )
    }

    /// `GET /v1/command/{id}.xml`: a command's state. A command that ended in `error` or `fatal`
    /// is a normal reply and comes back as a value; see
    /// [`Error::from_failed_command`](crate::Error::from_failed_command).
    pub async fn get_command(&self, command_id: &str) -> Result<Exchange<Command>> {
        let raw = self
            .get(&path::command(&transport::encode_segment(command_id)), &[])
            .await?;
        self.expect_command(raw, CallKind::Plain)
    }

    /// `POST /v1/command/import-owners.xml` (advanced import).
    pub async fn import_owners(&self, session: &SessionCredentials) -> Result<Exchange<Command>> {
        self.session_command(path::IMPORT_OWNERS, session, &[])
            .await
    }

    /// `POST /v1/command/import-accounts.xml` (advanced import; accounts without transactions).
    pub async fn import_accounts(&self, session: &SessionCredentials) -> Result<Exchange<Command>> {
        self.session_command(path::IMPORT_ACCOUNTS, session, &[])
            .await
    }

    /// `POST /v1/command/import-account-transactions.xml` with `iban` and `since`.
    pub async fn import_account_transactions(
        &self,
        session: &SessionCredentials,
        iban: &str,
        since: NaiveDate,
    ) -> Result<Exchange<Command>> {
        let since = since.format("%Y-%m-%d").to_string();
        let extra = [(param::IBAN, iban), (param::SINCE, since.as_str())];
        self.session_command(path::IMPORT_ACCOUNT_TRANSACTIONS, session, &extra)
            .await
    }

    /// `POST /v1/command/import-credit-cards.xml` (advanced import).
    pub async fn import_credit_cards(
        &self,
        session: &SessionCredentials,
    ) -> Result<Exchange<Command>> {
        self.session_command(path::IMPORT_CREDIT_CARDS, session, &[])
            .await
    }

    /// `POST /v1/command/import-credit-card-transactions.xml` with `cardNumber` and `since`.
    pub async fn import_credit_card_transactions(
        &self,
        session: &SessionCredentials,
        card_number: &str,
        since: NaiveDate,
    ) -> Result<Exchange<Command>> {
        let since = since.format("%Y-%m-%d").to_string();
        let extra = [
            (param::CARD_NUMBER, card_number),
            (param::SINCE, since.as_str()),
        ];
        self.session_command(path::IMPORT_CREDIT_CARD_TRANSACTIONS, session, &extra)
            .await
    }

    /// `POST /v1/command/sign-out.xml` (F-IMP-8). Targets without `SignOutCommand` in the catalog
    /// answer [`Error::CommandNotAvailable`](crate::Error::CommandNotAvailable). Any other 2xx
    /// reply counts as signed out (the success shape was never captured).
    pub async fn sign_out(&self, session: &SessionCredentials) -> Result<Exchange<()>> {
        let form = session_form(session, &[]);
        let raw = self
            .post(path::SIGN_OUT, &form, Some(session), CallKind::Plain)
            .await?;
        self.expect_nothing(raw)
    }

    /// `GET /v1/owner-scores.xml?ownerExternalId=…`: Kontomatik Score (F-SCO-1).
    pub async fn owner_scores(&self, owner_external_id: &str) -> Result<Exchange<Vec<ScoreModel>>> {
        let query = [(param::OWNER_EXTERNAL_ID, owner_external_id)];
        let raw = self.get(path::OWNER_SCORES, &query).await?;
        self.expect(
            raw,
            CallKind::Plain,
            "<models>",
            |_, payload| match payload {
                Payload::OwnerScores(models) => Some(models),
                _ => None,
            },
        )
    }

    /// `GET /v1/data.xml?ownerExternalId=…`: everything Kontomatik holds about the owner.
    pub async fn data(&self, owner_external_id: &str) -> Result<Exchange<DataOwner>> {
        let query = [(param::OWNER_EXTERNAL_ID, owner_external_id)];
        let raw = self.get(path::DATA, &query).await?;
        self.expect(
            raw,
            CallKind::Plain,
            "<owner>",
            |_, payload| match payload {
                Payload::Data(owner) => Some(owner),
                _ => None,
            },
        )
    }

    /// `DELETE /v1/data.xml?ownerExternalId=…` (unverified endpoint). Any 2xx reply, empty or
    /// not, counts as deleted.
    pub async fn delete_data(&self, owner_external_id: &str) -> Result<Exchange<()>> {
        let query = [(param::OWNER_EXTERNAL_ID, owner_external_id)];
        let raw = self
            .send(Method::DELETE, path::DATA, &query, None, CallKind::Plain)
            .await?;
        self.expect_nothing(raw)
    }

    /// `POST /v1/mock-session.xml`: a KontoBank test session without the widget (test
    /// environment and sandbox only; reply shape unverified).
    pub async fn mock_session(
        &self,
        login: &str,
        owner_external_id: Option<&str>,
        multiple_access: bool,
    ) -> Result<Exchange<Session>> {
        let mut form = vec![(param::LOGIN, login)];
        if let Some(owner) = owner_external_id {
            form.push((param::OWNER_EXTERNAL_ID, owner));
        }
        form.push((
            param::MULTIPLE_ACCESS,
            if multiple_access { "true" } else { "false" },
        ));
        let raw = self
            .post(path::MOCK_SESSION, &form, None, CallKind::Plain)
            .await?;
        self.expect_session(raw)
    }

    /// `POST /v1/command/reuse-multiple-access.xml`: a new session from a multiple-access consent
    /// (F-IMP-7; reply shape unverified).
    pub async fn reuse_multiple_access(
        &self,
        multiple_access_id: &str,
    ) -> Result<Exchange<Session>> {
        let form = [(param::MULTIPLE_ACCESS_ID, multiple_access_id)];
        let raw = self
            .post(path::REUSE_MULTIPLE_ACCESS, &form, None, CallKind::Plain)
            .await?;
        self.expect_session(raw)
    }

    /// `POST /v1/command/delete-multiple-access.xml`: revokes the consent. Any 2xx reply counts.
    pub async fn delete_multiple_access(&self, multiple_access_id: &str) -> Result<Exchange<()>> {
        let form = [(param::MULTIPLE_ACCESS_ID, multiple_access_id)];
        let raw = self
            .post(path::DELETE_MULTIPLE_ACCESS, &form, None, CallKind::Plain)
            .await?;
        self.expect_nothing(raw)
    }

    async fn session_command(
        &self,
        path: &str,
        session: &SessionCredentials,
        extra: &[(&str, &str)],
    ) -> Result<Exchange<Command>> {
        let form = session_form(session, extra);
        let raw = self
            .post(path, &form, Some(session), CallKind::Plain)
            .await?;
        self.expect_command(raw, CallKind::Plain)
    }

    async fn get(&self, path: &str, query: &[(&str, &str)]) -> Result<RawReply> {
        self.send(Method::GET, path, query, None, CallKind::Plain)
            .await
    }

    async fn post(
        &self,
        path: &str,
        form: &[(&str, &str)],
        session: Option<&SessionCredentials>,
        kind: CallKind,
    ) -> Result<RawReply> {
        self.send(Method::POST, path, form, session, kind).await
    }

    /// Sends one request; returns the raw reply whatever its HTTP status, or a transport error.
    async fn send(
        &self,
        method: Method,
        path: &str,
        params: &[(&str, &str)],
        session: Option<&SessionCredentials>,
        kind: CallKind,
    ) -> Result<RawReply> {
        let request = transport::Request {
            method,
            path,
            params,
            multipart: None,
            timeout: None,
            kind,
            max_reply_bytes: self.max_reply_bytes,
        };
        self.send_request(request, session).await
    }

    /// Sends a prepared request (the statement upload builds its own).
    async fn send_request(
        &self,
        request: transport::Request<'_>,
        session: Option<&SessionCredentials>,
    ) -> Result<RawReply> {
        let secrets = transport::Secrets::new(self.api_key.as_ref(), session);
        transport::send(
            &self.http,
            &self.base_url,
            self.api_key.as_ref(),
            request,
            &secrets,
        )
        .await
    }

    fn expect<T>(
        &self,
        raw: RawReply,
        kind: CallKind,
        expected: &str,
        pick: impl FnOnce(Envelope, Payload) -> Option<T>,
    ) -> Result<Exchange<T>> {
        let (envelope, payload) = match interpret::reply(&raw, kind, false)? {
            Some(reply) => (reply.envelope, reply.payload),
            None => (Envelope::default(), Payload::Empty),
        };
        let received = interpret::payload_name(&payload);
        match pick(envelope, payload) {
            Some(value) => Ok(Exchange { value, raw }),
            None => Err(interpret::unexpected_payload(raw, kind, expected, received)),
        }
    }

    fn expect_command(&self, raw: RawReply, kind: CallKind) -> Result<Exchange<Command>> {
        self.expect(raw, kind, "<command>", |_, payload| match payload {
            Payload::Command(command) => Some(command),
            _ => None,
        })
    }

    fn expect_session(&self, raw: RawReply) -> Result<Exchange<Session>> {
        self.expect(
            raw,
            CallKind::Plain,
            "<session>",
            |_, payload| match payload {
                Payload::Session(session) => Some(session),
                _ => None,
            },
        )
    }

    fn expect_nothing(&self, raw: RawReply) -> Result<Exchange<()>> {
        interpret::reply(&raw, CallKind::Plain, true)?;
        Ok(Exchange { value: (), raw })
    }
}

/// `sessionId`, `sessionIdSignature`, then the call's own parameters.
fn session_form<'a>(
    session: &'a SessionCredentials,
    extra: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        (param::SESSION_ID, session.session_id.as_str()),
        (
            param::SESSION_ID_SIGNATURE,
            session.signature.expose().as_str(),
        ),
    ];
    form.extend_from_slice(extra);
    form
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_hides_secrets() {
        let mut config = ClientConfig::new(Url::parse("https://api.kontomatik.com").unwrap())
            .with_api_key(ApiKey::new("f7verysecretapikey1f".into()));
        config.proxy = Some(Url::parse("http://user:hunter2pass@proxy:3128").unwrap());
        let shown = format!("{config:?}");
        assert!(!shown.contains("verysecret"), "{shown}");
        assert!(!shown.contains("hunter2pass"), "{shown}");
        let client = Client::new(config).unwrap();
        let shown = format!("{client:?}");
        assert!(!shown.contains("verysecret"), "{shown}");

        let session = SessionCredentials::new("123", "abcdef0123456789secretsig");
        let shown = format!("{session:?}");
        assert!(!shown.contains("secretsig"), "{shown}");
    }
}
