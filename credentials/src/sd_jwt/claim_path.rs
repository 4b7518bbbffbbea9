//! Disclosable claims are named by path, by the issuer who conceals them, the holder who picks
//! what to show and the verifier who reports what it was shown: one type for all three.

use std::fmt;

use serde_json::Value;

use crate::error::SdJwtError;

/// One step of a claim path: an object member or an array element.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// Where a claim sits in the revealed payload, e.g. `skills.api_design` or `nationalities.1`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ClaimPath(pub Vec<Step>);

impl ClaimPath {
    /// Reads `skills.api_design` (a number addresses an array element).
    pub fn parse(text: &str) -> Result<ClaimPath, SdJwtError> {
        if text.trim().is_empty() {
            return Err(SdJwtError::BadPath(text.to_owned()));
        }
        let steps = text
            .split('.')
            .map(|part| match part {
                "" => Err(SdJwtError::BadPath(text.to_owned())),
                part if part.bytes().all(|b| b.is_ascii_digit()) => {
                    part.parse().map(Step::Index).map_err(|_| SdJwtError::BadPath(text.to_owned()))
                }
                part => Ok(Step::Key(part.to_owned())),
            })
            .collect::<Result<_, _>>()?;
        Ok(ClaimPath(steps))
    }

    pub fn key(names: &[&str]) -> ClaimPath {
        ClaimPath(names.iter().map(|name| Step::Key((*name).to_owned())).collect())
    }

    /// `self` is `other` or lies inside it.
    pub fn starts_with(&self, other: &ClaimPath) -> bool {
        self.0.starts_with(&other.0)
    }

    /// The path as a JSON array (the shape of an OpenID4VP claims path).
    pub fn to_json(&self) -> Value {
        Value::Array(
            self.0
                .iter()
                .map(|step| match step {
                    Step::Key(key) => Value::String(key.clone()),
                    Step::Index(index) => Value::from(*index),
                })
                .collect(),
        )
    }
}

impl fmt::Display for ClaimPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            match step {
                Step::Key(key) => f.write_str(key)?,
                Step::Index(index) => write!(f, "{index}")?,
            }
        }
        Ok(())
    }
}
