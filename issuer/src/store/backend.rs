//! The two databases the store runs on, and the one place their SQL differs in shape: the bind
//! parameters of a generated multi-row statement.

/// Which database is behind the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The `n`-th (1-based) bind parameter of a generated multi-row statement, `count` of them
    /// per row: `$n` for PostgreSQL; for SQLite a row of anonymous `?`. SQLite looks a numbered
    /// parameter's name up by a linear scan and the driver asks the name of every parameter, so a
    /// 1,000-parameter insert spent a quarter of the issuer's CPU there; anonymous parameters
    /// have no name to look up and bind in order of appearance, which is the order we bind in.
    pub(super) fn row(self, first: usize, count: usize) -> String {
        let placeholders: Vec<String> = match self {
            Self::Sqlite => vec!["?".to_owned(); count],
            Self::Postgres => (first..first + count).map(|n| format!("${n}")).collect(),
        };
        format!("({})", placeholders.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::Backend;

    #[test]
    fn generated_rows_use_each_backends_placeholders() {
        assert_eq!(Backend::Sqlite.row(4, 3), "(?, ?, ?)");
        assert_eq!(Backend::Postgres.row(4, 3), "($4, $5, $6)");
        assert_eq!(Backend::Postgres.row(1, 1), "($1)");
    }
}
