//! The payloads without a command: the catalog (`targets`), owner scores (`models`) and aggregated
//! data (`owner`, from `data.xml`). The catalog and the scores have no `skipped` list, so a required
//! value missing there (a target's `country`/`name`/`institution`/`officialName`, a credential's
//! `kind`/`name`, a model's `id`) or any invalid typed value is a [`ParseError::Invalid`].

use super::super::ParseError;
use super::cursor::{Cursor, Elem};
use super::items;
use super::values::{boolean, decimal, optional, timestamp, trim};
use super::{Path, required, valid};
use crate::model::{CredentialMetadata, DataOwner, DataTarget, ScoreModel, Target};

/// `targets/target*`.
pub(super) fn parse_targets<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    path: &Path<'_>,
) -> Result<Vec<Target>, ParseError> {
    let mut targets = Vec::new();
    while let Some(child) = cur.next_child(elem)? {
        if child.name() == b"target" {
            let index = targets.len();
            targets.push(target(cur, &child, &path.item("target", index))?);
        } else {
            cur.skip(&child)?;
        }
    }
    Ok(targets)
}

fn target<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    path: &Path<'_>,
) -> Result<Target, ParseError> {
    let (mut country, mut name, mut institution, mut official_name) = (None, None, None, None);
    let mut target = Target::default();
    cur.attributes(elem, |key, value| {
        match key {
            b"country" => country = Some(value.into_owned()),
            b"name" => name = Some(value.into_owned()),
            b"institution" => institution = Some(value.into_owned()),
            b"officialName" => official_name = Some(value.into_owned()),
            b"officialUrl" => target.official_url = Some(value.into_owned()),
            b"loginName" => target.login_name = Some(value.into_owned()),
            b"beta" => {
                target.beta = valid(cur, || path.attribute("beta"), optional(&value, boolean))?
            }
            b"psd2" => {
                target.psd2 = valid(cur, || path.attribute("psd2"), optional(&value, boolean))?
            }
            _ => {}
        }
        Ok(())
    })?;
    target.country = required(cur, || path.attribute("country"), country)?;
    target.name = required(cur, || path.attribute("name"), name)?;
    target.institution = required(cur, || path.attribute("institution"), institution)?;
    target.official_name = required(cur, || path.attribute("officialName"), official_name)?;
    while let Some(child) = cur.next_child(elem)? {
        match child.name() {
            b"supportedAccountTypes" => {
                let path = path.child("supportedAccountTypes");
                target.supported_account_types =
                    named_list(cur, &child, &path, "supportedAccountType")?;
            }
            b"commands" => {
                target.commands = named_list(cur, &child, &path.child("commands"), "command")?;
            }
            b"credentialsMetadata" => {
                let path = path.child("credentialsMetadata");
                while let Some(item) = cur.next_child(&child)? {
                    if item.name() == b"credentialMetadata" {
                        let index = target.credentials_metadata.len();
                        let path = path.item("credentialMetadata", index);
                        target
                            .credentials_metadata
                            .push(credential(cur, &item, &path)?);
                    } else {
                        cur.skip(&item)?;
                    }
                }
            }
            _ => cur.skip(&child)?,
        }
    }
    Ok(target)
}

/// `<item name=".."/>*`: the `name` attributes, in order.
fn named_list<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    path: &Path<'_>,
    item_name: &'static str,
) -> Result<Vec<String>, ParseError> {
    let mut names = Vec::new();
    while let Some(child) = cur.next_child(elem)? {
        if child.name() == item_name.as_bytes() {
            let mut name = None;
            cur.attributes(&child, |key, value| {
                if key == b"name" {
                    name = Some(value.into_owned());
                }
                Ok(())
            })?;
            let index = names.len();
            names.push(required(
                cur,
                || path.item(item_name, index).attribute("name"),
                name,
            )?);
        }
        cur.skip(&child)?;
    }
    Ok(names)
}

/// `<credentialMetadata kind>`: `name`, `description`, `supported`, `asterisked`, `choice/option*`.
fn credential<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    path: &Path<'_>,
) -> Result<CredentialMetadata, ParseError> {
    let mut kind = None;
    cur.attributes(elem, |key, value| {
        if key == b"kind" {
            kind = Some(value.into_owned());
        }
        Ok(())
    })?;
    let mut credential = CredentialMetadata {
        kind: required(cur, || path.attribute("kind"), kind)?,
        ..CredentialMetadata::default()
    };
    let mut name = None;
    while let Some(child) = cur.next_child(elem)? {
        match child.name() {
            b"name" => name = Some(cur.text(&child)?.into_owned()),
            b"description" => credential.description = Some(cur.text(&child)?.into_owned()),
            b"supported" => {
                let text = cur.text(&child)?;
                credential.supported = valid(
                    cur,
                    || path.child("supported").render(),
                    optional(&text, boolean),
                )?;
            }
            b"asterisked" => {
                let text = cur.text(&child)?;
                credential.asterisked = valid(
                    cur,
                    || path.child("asterisked").render(),
                    optional(&text, boolean),
                )?;
            }
            b"choice" => {
                let mut options = Vec::new();
                while let Some(option) = cur.next_child(&child)? {
                    if option.name() == b"option" {
                        options.push(cur.text(&option)?.into_owned());
                    } else {
                        cur.skip(&option)?;
                    }
                }
                credential.choice = Some(options);
            }
            _ => cur.skip(&child)?,
        }
    }
    credential.name = required(cur, || path.child("name").render(), name)?;
    Ok(credential)
}

/// `models/model*`.
pub(super) fn parse_models<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    path: &Path<'_>,
) -> Result<Vec<ScoreModel>, ParseError> {
    let mut models = Vec::new();
    while let Some(child) = cur.next_child(elem)? {
        if child.name() == b"model" {
            let index = models.len();
            models.push(model(cur, &child, &path.item("model", index))?);
        } else {
            cur.skip(&child)?;
        }
    }
    Ok(models)
}

/// `<model id retrainedAt><scores><score><value>…` (also `scorePercentile`, `scoreTier`).
fn model<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    path: &Path<'_>,
) -> Result<ScoreModel, ParseError> {
    let mut id = None;
    let mut model = ScoreModel::default();
    cur.attributes(elem, |key, value| {
        match key {
            b"id" => id = Some(value.into_owned()),
            b"retrainedAt" => {
                model.retrained_at = valid(
                    cur,
                    || path.attribute("retrainedAt"),
                    optional(&value, timestamp),
                )?;
            }
            _ => {}
        }
        Ok(())
    })?;
    model.id = required(cur, || path.attribute("id"), id)?;
    while let Some(scores) = cur.next_child(elem)? {
        if scores.name() != b"scores" {
            cur.skip(&scores)?;
            continue;
        }
        let scores_path = path.child("scores");
        while let Some(score) = cur.next_child(&scores)? {
            let (name, score_path) = match score.name() {
                b"score" => ("score", scores_path.child("score")),
                b"scorePercentile" => ("scorePercentile", scores_path.child("scorePercentile")),
                b"scoreTier" => ("scoreTier", scores_path.child("scoreTier")),
                _ => {
                    cur.skip(&score)?;
                    continue;
                }
            };
            let mut value = None;
            while let Some(child) = cur.next_child(&score)? {
                if child.name() == b"value" {
                    value = Some(cur.text(&child)?);
                } else {
                    cur.skip(&child)?;
                }
            }
            let Some(value) = value else { continue };
            let value_path = || score_path.child("value").render();
            match name {
                "score" => model.score = valid(cur, value_path, optional(&value, decimal))?,
                "scorePercentile" => {
                    model.score_percentile = valid(cur, value_path, optional(&value, decimal))?;
                }
                _ => model.score_tier = Some(trim(&value).to_owned()),
            }
        }
    }
    Ok(model)
}

/// `<owner externalId createdAt updatedAt origin lastChange>` with `target*` (`data.xml`).
pub(super) fn parse_data<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    path: &Path<'_>,
) -> Result<DataOwner, ParseError> {
    let mut external_id = None;
    let mut owner = DataOwner::default();
    cur.attributes(elem, |key, value| {
        let time = |name: &str| valid(cur, || path.attribute(name), optional(&value, timestamp));
        match key {
            b"externalId" => external_id = Some(value.clone().into_owned()),
            b"createdAt" => owner.created_at = time("createdAt")?,
            b"updatedAt" => owner.updated_at = time("updatedAt")?,
            b"origin" => owner.origin = Some(value.clone().into_owned()),
            b"lastChange" => owner.last_change = time("lastChange")?,
            _ => {}
        }
        Ok(())
    })?;
    owner.external_id = required(cur, || path.attribute("externalId"), external_id)?;
    while let Some(child) = cur.next_child(elem)? {
        if child.name() == b"target" {
            let index = owner.targets.len();
            owner
                .targets
                .push(data_target(cur, &child, &path.item("target", index))?);
        } else {
            cur.skip(&child)?;
        }
    }
    Ok(owner)
}

/// `<target name officialName institution>`: owners, accounts, credit cards (bad items go to the
/// target's `skipped`), and `deposits`, kept as raw inner XML since its shape is unknown.
fn data_target<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    path: &Path<'_>,
) -> Result<DataTarget, ParseError> {
    let mut name = None;
    let mut target = DataTarget::default();
    cur.attributes(elem, |key, value| {
        match key {
            b"name" => name = Some(value.into_owned()),
            b"officialName" => target.official_name = Some(value.into_owned()),
            b"institution" => target.institution = Some(value.into_owned()),
            _ => {}
        }
        Ok(())
    })?;
    target.name = required(cur, || path.attribute("name"), name)?;
    while let Some(child) = cur.next_child(elem)? {
        let skipped = &mut target.skipped;
        match child.name() {
            b"owners" => {
                target.owners = Some(items::owners(cur, &child, &path.child("owners"), skipped)?);
            }
            b"accounts" => {
                target.accounts = Some(items::accounts(
                    cur,
                    &child,
                    &path.child("accounts"),
                    skipped,
                )?);
            }
            b"creditCards" => {
                let path = path.child("creditCards");
                target.credit_cards = Some(items::credit_cards(cur, &child, &path, skipped)?);
            }
            b"deposits" => {
                let inner = cur.inner(&child)?;
                target.deposits = Some(String::from_utf8_lossy(inner).into_owned());
            }
            _ => cur.skip(&child)?,
        }
    }
    Ok(target)
}
