//! Credentials that break their profile, one rule each: every case must fail validation and
//! point at the offending field, so a verifier can tell the holder exactly what is wrong.

use serde_json::{json, Value};

use super::validate;
use crate::error::{SchemaError, Violation};
use crate::fixtures;

fn violations(credential: &Value) -> Vec<Violation> {
    match validate(credential) {
        Err(SchemaError::Invalid { violations, .. }) => violations,
        other => panic!("expected SchemaError::Invalid, got {other:?}"),
    }
}

/// The credential fails, and every violation is at `pointer`.
fn assert_rejected_at(credential: &Value, pointer: &str) -> Vec<Violation> {
    let violations = violations(credential);
    assert!(!violations.is_empty());
    assert!(
        violations.iter().all(|violation| violation.instance_path == pointer),
        "expected every violation at {pointer:?}, got {violations:#?}"
    );
    violations
}

fn skill_with(change: impl FnOnce(&mut Value)) -> Value {
    let mut credential = fixtures::skill_credential();
    change(&mut credential);
    credential
}

fn assignment_with(change: impl FnOnce(&mut Value)) -> Value {
    let mut credential = fixtures::assignment_credential();
    change(&mut credential);
    credential
}

fn remove(object: &mut Value, key: &str) {
    if let Some(map) = object.as_object_mut() {
        map.remove(key);
    }
}

#[test]
fn missing_french_achievement_name() {
    let credential =
        skill_with(|credential| remove(&mut credential["credentialSubject"]["achievement"]["localizedName"], "fr"));
    let violations = assert_rejected_at(&credential, "/credentialSubject/achievement/localizedName");
    assert!(violations[0].message.contains("\"fr\" is a required property"));
}

#[test]
fn blank_french_achievement_name() {
    let credential =
        skill_with(|credential| credential["credentialSubject"]["achievement"]["localizedName"]["fr"] = "  ".into());
    assert_rejected_at(&credential, "/credentialSubject/achievement/localizedName/fr");
}

#[test]
fn skill_credential_with_wrong_achievement_type() {
    let credential = skill_with(|credential| {
        credential["credentialSubject"]["achievement"]["achievementType"] = "Assignment".into()
    });
    assert_rejected_at(&credential, "/credentialSubject/achievement/achievementType");
}

#[test]
fn assignment_credential_with_wrong_achievement_type() {
    let credential = assignment_with(|credential| {
        credential["credentialSubject"]["achievement"]["achievementType"] = "Competency".into()
    });
    assert_rejected_at(&credential, "/credentialSubject/achievement/achievementType");
}

#[test]
fn valid_from_that_is_not_a_date() {
    let credential = skill_with(|credential| credential["validFrom"] = "2025-04-31T12:00:00Z".into());
    assert_rejected_at(&credential, "/validFrom");
}

#[test]
fn activity_start_without_time() {
    let credential =
        assignment_with(|credential| credential["credentialSubject"]["activityStartDate"] = "2024-04-01".into());
    assert_rejected_at(&credential, "/credentialSubject/activityStartDate");
}

#[test]
fn assignment_ending_before_it_starts() {
    let credential = assignment_with(|credential| {
        credential["credentialSubject"]["activityEndDate"] = "2024-03-31T23:59:59Z".into()
    });
    let violations = assert_rejected_at(&credential, "/credentialSubject/activityEndDate");
    assert!(violations[0].message.contains("earlier than activityStartDate"));
}

#[test]
fn valid_until_before_valid_from() {
    let credential = skill_with(|credential| credential["validUntil"] = "2025-01-01T00:00:00Z".into());
    assert_rejected_at(&credential, "/validUntil");
}

#[test]
fn skill_key_outside_the_key_pattern() {
    let credential = skill_with(|credential| credential["credentialSubject"]["skillKey"] = "Cloud-Architecture".into());
    // Out of pattern, and therefore also absent from the alignments: both at the same field.
    assert_eq!(assert_rejected_at(&credential, "/credentialSubject/skillKey").len(), 2);
}

#[test]
fn alignment_target_code_outside_the_key_pattern() {
    let credential = skill_with(|credential| {
        let alignment = &mut credential["credentialSubject"]["achievement"]["alignment"][0];
        alignment["targetCode"] = "cloud architecture".into();
        alignment["targetUrl"] = "urn:gc-digital-talent:skill:cloud architecture".into();
    });
    let violations = violations(&credential);
    let pointers: Vec<&str> = violations.iter().map(|violation| violation.instance_path.as_str()).collect();
    assert!(pointers.contains(&"/credentialSubject/achievement/alignment/0/targetCode"));
    assert!(pointers.contains(&"/credentialSubject/achievement/alignment/0/targetUrl"));
}

#[test]
fn skill_key_without_an_alignment() {
    let credential = skill_with(|credential| credential["credentialSubject"]["skillKey"] = "accountability".into());
    assert_rejected_at(&credential, "/credentialSubject/skillKey");
}

#[test]
fn skill_used_outside_the_key_pattern() {
    let credential = assignment_with(|credential| {
        credential["credentialSubject"]["skillsUsed"][1]["skillKey"] = "Accountability!".into()
    });
    let violations = violations(&credential);
    assert!(violations.iter().all(|violation| violation.instance_path == "/credentialSubject/skillsUsed/1/skillKey"));
}

#[test]
fn unknown_proficiency_level() {
    let credential = skill_with(|credential| credential["credentialSubject"]["proficiencyLevel"] = "guru".into());
    assert_rejected_at(&credential, "/credentialSubject/proficiencyLevel");
}

#[test]
fn missing_issuer() {
    let credential = skill_with(|credential| remove(credential, "issuer"));
    let violations = assert_rejected_at(&credential, "");
    assert!(violations[0].message.contains("\"issuer\" is a required property"));
}

#[test]
fn issuer_given_as_a_bare_identifier() {
    let credential = skill_with(|credential| credential["issuer"] = "did:web:talent.canada.ca".into());
    assert_rejected_at(&credential, "/issuer");
}

#[test]
fn issuer_name_without_french() {
    let credential = assignment_with(|credential| remove(&mut credential["issuer"]["localizedName"], "fr"));
    assert_rejected_at(&credential, "/issuer/localizedName");
}

#[test]
fn empty_credential_subject() {
    let credential = skill_with(|credential| credential["credentialSubject"] = json!({}));
    let violations = assert_rejected_at(&credential, "/credentialSubject");
    assert_eq!(violations.len(), 5, "{violations:#?}");
}

#[test]
fn department_name_without_french() {
    let credential =
        assignment_with(|credential| remove(&mut credential["credentialSubject"]["department"]["localizedName"], "fr"));
    assert_rejected_at(&credential, "/credentialSubject/department/localizedName");
}

#[test]
fn role_without_translations() {
    let credential = assignment_with(|credential| remove(&mut credential["credentialSubject"], "localizedRole"));
    assert_rejected_at(&credential, "/credentialSubject");
}

#[test]
fn missing_talent_context() {
    let credential = skill_with(|credential| {
        credential["@context"].as_array_mut().unwrap().pop();
    });
    assert_rejected_at(&credential, "/@context");
}

#[test]
fn type_without_open_badge_credential() {
    let credential = skill_with(|credential| credential["type"] = json!(["VerifiableCredential", "SkillCredential"]));
    assert_rejected_at(&credential, "/type");
}

#[test]
fn type_claiming_both_profiles() {
    let credential =
        assignment_with(|credential| credential["type"].as_array_mut().unwrap().push("SkillCredential".into()));
    // Taken as a skill credential, it fails that profile in many places, /type among them.
    assert!(violations(&credential).iter().any(|violation| violation.instance_path == "/type"));
}

#[test]
fn evidence_without_translations() {
    let credential = skill_with(|credential| remove(&mut credential["evidence"][0], "localizedNarrative"));
    assert_rejected_at(&credential, "/evidence/0");
}

#[test]
fn subject_identifier_that_is_not_a_uri() {
    let credential = skill_with(|credential| credential["credentialSubject"]["id"] = "holder number 7".into());
    assert_rejected_at(&credential, "/credentialSubject/id");
}

#[test]
fn proof_is_ignored_whatever_its_shape() {
    for proof in [json!({"type": "DataIntegrityProof"}), json!([1, 2]), json!("x")] {
        let credential = skill_with(|credential| credential["proof"] = proof);
        assert_eq!(validate(&credential).unwrap(), super::Profile::Skill);
    }
}
