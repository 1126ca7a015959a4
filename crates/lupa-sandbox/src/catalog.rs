//! The bank catalog the sandbox serves: the real command catalog captured from Kontomatik's test
//! environment (113 targets, 10 countries), embedded and parsed once. Sign-out works only where
//! that catalog lists `SignOutCommand`, exactly as in the test environment.

use std::sync::OnceLock;

use lupa_kontomatik::model::{Payload, Target};

const CAPTURED_CATALOG: &[u8] = include_bytes!("../data/command-catalog.xml");

/// Every target of the captured catalog, in its order.
pub fn targets() -> &'static [Target] {
    static TARGETS: OnceLock<Vec<Target>> = OnceLock::new();
    TARGETS.get_or_init(
        || match lupa_kontomatik::xml::parse_reply(CAPTURED_CATALOG) {
            Ok(reply) => match reply.payload {
                Payload::Catalog(targets) => targets,
                _ => Vec::new(),
            },
            Err(_) => Vec::new(),
        },
    )
}

fn find(name: &str) -> Option<&'static Target> {
    targets().iter().find(|target| target.name == name)
}

/// The institution of a target (the target's own name when it is not in the catalog).
pub fn institution_of(name: &str) -> String {
    find(name).map_or_else(|| name.to_owned(), |target| target.institution.clone())
}

/// The bank's official name (the target's own name when it is not in the catalog).
pub fn official_name_of(name: &str) -> String {
    find(name).map_or_else(|| name.to_owned(), |target| target.official_name.clone())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_embedded_catalog_parses_whole() {
        let targets = super::targets();
        assert_eq!(targets.len(), 113, "the captured catalog has 113 targets");
        assert!(targets.iter().any(|t| t.name == "KontoBank"));
        assert!(
            targets
                .iter()
                .filter(|t| t.supports("SignOutCommand"))
                .count()
                >= 1,
            "some targets support sign-out"
        );
    }

    #[test]
    fn every_persona_banks_at_a_catalog_target_with_default_import() {
        for persona in crate::personas::catalog() {
            let target = super::find(persona.target).unwrap_or_else(|| {
                panic!(
                    "{}: target {} not in the catalog",
                    persona.id, persona.target
                )
            });
            assert!(target.supports("DefaultImportCommand"), "{}", persona.id);
            assert_eq!(target.institution, persona.institution, "{}", persona.id);
        }
    }
}
