//! What the page's forms and links send, as the handlers read them.

/// The query of a page's address: the language asked for, and a page request's key.
#[derive(Debug, serde::Deserialize)]
pub struct LangQuery {
    pub lang: Option<String>,
    pub k: Option<String>,
    /// The profile form's skill search.
    pub q: Option<String>,
}

/// The pasted document, from the form that checks one.
#[derive(Debug, serde::Deserialize)]
pub struct VerifyForm {
    #[serde(default)]
    pub document: String,
    pub lang: Option<String>,
}

/// The choices of the form that asks a person for a credential.
#[derive(Debug, serde::Deserialize)]
pub struct AskForm {
    pub kind: String,
    pub skill: String,
    pub lang: Option<String>,
    /// The service's API token, when it has one.
    #[serde(default)]
    pub token: FormSecret,
}

/// A secret typed into a form: never printed, even in debug output.
#[derive(Default, serde::Deserialize)]
#[serde(transparent)]
pub struct FormSecret(String);

impl FormSecret {
    /// The secret itself, to compare it.
    pub fn reveal(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for FormSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FormSecret(…)")
    }
}
