//! A sandbox per test on 127.0.0.1:0 with a fixed "today", and small HTTP helpers.

use chrono::NaiveDate;
use lupa_kontomatik::model::{Command, Payload, Reply, Session};
use lupa_sandbox::{RunningSandbox, SandboxConfig};

/// The last day of every history in these tests.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid date")
}

/// Starts a sandbox with a fixed date and quick imports.
pub async fn sandbox() -> RunningSandbox {
    sandbox_with(SandboxConfig::default()).await
}

/// Starts a sandbox with `config` (the date is fixed unless set).
pub async fn sandbox_with(mut config: SandboxConfig) -> RunningSandbox {
    config.today = config.today.or(Some(today()));
    lupa_sandbox::start(config)
        .await
        .expect("sandbox starts on loopback")
}

/// A reply's status and body.
pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn reply(&self) -> Reply {
        lupa_kontomatik::xml::parse_reply(&self.body).unwrap_or_else(|error| {
            panic!(
                "not a reply ({error}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn command(&self) -> Command {
        match self.reply().payload {
            Payload::Command(command) => command,
            other => panic!("expected a command, got {other:?}"),
        }
    }

    pub fn exception_name(&self) -> String {
        match self.reply().payload {
            Payload::Exception(exception) => exception.name,
            other => panic!("expected an exception, got {other:?}"),
        }
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Plain HTTP against one sandbox, with its key unless told otherwise.
pub struct Http<'a> {
    pub sandbox: &'a RunningSandbox,
    pub client: reqwest::Client,
}

impl<'a> Http<'a> {
    pub fn new(sandbox: &'a RunningSandbox) -> Self {
        Http {
            sandbox,
            client: reqwest::Client::new(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.sandbox.url(), path.trim_start_matches('/'))
    }

    async fn answer(response: reqwest::Response) -> Answer {
        let status = response.status().as_u16();
        let body = response.bytes().await.expect("body arrives").to_vec();
        Answer { status, body }
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Answer {
        let response = self
            .client
            .post(self.url(path))
            .header("X-Api-Key", self.sandbox.api_key())
            .form(form)
            .send()
            .await
            .expect("request is answered");
        Self::answer(response).await
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.get_with_key(path, Some(self.sandbox.api_key())).await
    }

    pub async fn get_with_key(&self, path: &str, key: Option<&str>) -> Answer {
        let mut request = self.client.get(self.url(path));
        if let Some(key) = key {
            request = request.header("X-Api-Key", key);
        }
        Self::answer(request.send().await.expect("request is answered")).await
    }

    pub async fn delete(&self, path: &str) -> Answer {
        let response = self
            .client
            .delete(self.url(path))
            .header("X-Api-Key", self.sandbox.api_key())
            .send()
            .await
            .expect("request is answered");
        Self::answer(response).await
    }

    /// Mints a session over HTTP; returns it with its owner id.
    pub async fn session(&self, form: &[(&str, &str)]) -> (Session, String) {
        let answer = self.post("/v1/mock-session.xml", form).await;
        assert_eq!(answer.status, 200, "{}", answer.text());
        let reply = answer.reply();
        let owner = reply
            .envelope
            .owner_external_id
            .clone()
            .expect("owner id on the reply");
        match reply.payload {
            Payload::Session(session) => (session, owner),
            other => panic!("expected a session, got {other:?}"),
        }
    }

    /// Starts a default import with `since`.
    pub async fn start(&self, session: &Session, since: &str) -> Answer {
        self.post(
            "/v1/command/default-import.xml",
            &[
                ("sessionId", &session.id),
                ("sessionIdSignature", &session.signature),
                ("since", since),
            ],
        )
        .await
    }

    /// Polls until the command is no longer setup/in_progress (at most 20 polls).
    pub async fn finish(&self, command_id: &str) -> Answer {
        for _ in 0..20 {
            let answer = self.get(&format!("/v1/command/{command_id}.xml")).await;
            if answer.status != 200 {
                return answer;
            }
            let Ok(reply) = lupa_kontomatik::xml::parse_reply(&answer.body) else {
                return answer;
            };
            if let Payload::Command(command) = reply.payload
                && !command.state.is_final()
            {
                continue;
            }
            return answer;
        }
        panic!("command {command_id} did not finish in 20 polls");
    }
}
