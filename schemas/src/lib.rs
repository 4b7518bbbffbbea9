//! What a Talent Credentials skill or assignment credential contains, in one leaf crate shared
//! by issuer, wallet and verifier: the GC Digital Talent skills library, proficiency levels,
//! bilingual (English/French) text, our JSON-LD context, the JSON Schemas of the two credential
//! profiles, builders that produce valid credentials, and views that read them back.
//!
//! Both profiles are Open Badges 3.0 `OpenBadgeCredential`s (W3C VC 2.0). Person-readable text
//! is written twice: the English plain string that Open Badges requires (`name`, `description`,
//! `narrative`, `targetName`, `role`) and, next to it, a JSON-LD language map with both languages
//! (`localizedName`, `localizedDescription`, `localizedNarrative`, `localizedTargetName`,
//! `localizedRole`), defined in the talent context ([`TALENT_CONTEXT`]).
//!
//! The proficiency level of a skill credential is the talent term `proficiencyLevel` on the
//! credential subject (`"beginner"`, `"intermediate"`, `"advanced"` or `"expert"`); Open Badges'
//! `result` is not used, so there is one place to read the level from.

mod assignment;
mod context;
mod display;
mod document;
mod error;
mod i18n;
mod labels;
mod level;
mod own_words;
mod profile;
mod rules;
pub mod sd_jwt_vc;
mod skill;
mod taxonomy;
mod text;
mod validate;

#[cfg(test)]
mod fixtures;

pub use assignment::{AssignmentCredentialBuilder, AssignmentCredentialView, SkillUsed};
pub use context::{
    CREDENTIALS_V2_CONTEXT_URL, CREDENTIAL_CONTEXTS, OPEN_BADGES_CONTEXT_URL, TALENT_CONTEXT, TALENT_CONTEXT_URL,
    TALENT_VOCABULARY,
};
pub use display::describe;
pub use document::{Evidence, Issuer, OrganizationUnit};
pub use error::{SchemaError, Violation};
pub use labels::Field;
pub use lang::{Lang, LocalizedText};
pub use level::Level;
pub use own_words::{is_own_words, own_words_credential, read_own_words, OwnWordsItem, OWN_WORDS_CREDENTIAL_TYPE};
pub use profile::{
    Profile, ASSIGNMENT_CREDENTIAL_SCHEMA, ASSIGNMENT_CREDENTIAL_TYPE, SKILL_CREDENTIAL_SCHEMA, SKILL_CREDENTIAL_TYPE,
};
pub use skill::{SkillCredentialBuilder, SkillCredentialView, SKILL_ACHIEVEMENT_PREFIX};
pub use taxonomy::{Skill, SkillCategory, SkillFamily, Taxonomy, SKILLS_FRAMEWORK_NAME, SKILL_URN_PREFIX};
pub use text::localized_text;
pub use validate::validate;
