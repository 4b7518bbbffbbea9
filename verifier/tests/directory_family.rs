//! Issue #23, "Performance": searches by skill family read the counts per profile, family and
//! level (`directory_family_levels`) instead of counting skill lines. They must find the same
//! profiles in the same order as the count over the skill lines, which `Store::search` still
//! runs when skills are asked too: asking for every skill of the family and the family gives that
//! count. Random publications (levels, expired lines, expired publications, recency) are compared
//! both ways at several times, as lines expire, after a status re-check drops lines, and after
//! withdrawals and republications. On SQLite, and on PostgreSQL when `DATABASE_URL` names one
//! (families and skills named for the run, so other tests' rows do not interfere).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use verifier::store::{Found, NewPublication, SearchRows, SkillRow, Store};

const NOW: i64 = 1_800_000_000;
const FAMILIES: usize = 3;
const SKILLS: usize = 12;

/// The run's names: skill `k` belongs to family `k % FAMILIES`.
struct Names {
    run: String,
}

impl Names {
    fn skill(&self, k: usize) -> String {
        format!("skill_{}_{k}", self.run)
    }
    fn family(&self, f: usize) -> String {
        format!("family_{}_{f}", self.run)
    }
    fn skills_of(&self, f: usize) -> Vec<String> {
        (0..SKILLS).filter(|k| k % FAMILIES == f).map(|k| self.skill(k)).collect()
    }
}

fn publication(rng: &mut StdRng, names: &Names, holder: usize) -> NewPublication {
    let published_at = NOW - rng.gen_range(0..100);
    let skills = (0..rng.gen_range(1..=8))
        .map(|document| {
            let k = rng.gen_range(0..SKILLS);
            SkillRow {
                document,
                skill: names.skill(k),
                family: names.family(k % FAMILIES),
                level: rng.gen_range(1..=4),
                valid_until: [NOW - 10, NOW + 100, NOW + 1000, NOW + 100_000][rng.gen_range(0..4)],
            }
        })
        .collect();
    NewPublication {
        id: format!("dp-{}-{holder}-{}", names.run, rng.gen::<u32>()),
        holder: format!("did:example:{}:{holder}", names.run),
        outcome_en: "{}".into(),
        outcome_fr: "{}".into(),
        documents: "[]".into(),
        published_at,
        // Some publications expire during the test.
        expires_at: published_at + [500, 5000, 1_000_000][rng.gen_range(0..3)],
        recent_until: [0, NOW - 1000, NOW + 50][rng.gen_range(0..3)],
        skills,
    }
}

/// Both ways of every family search at `now`: from the counts, and from the skill lines.
async fn compare(store: &Store, names: &Names, now: i64) -> usize {
    let mut found = 0;
    for family in 0..FAMILIES {
        for min_level in 0..=5 {
            for recent_since in [None, Some(NOW - 500)] {
                for limit in [5, 1000] {
                    let by_family = SearchRows {
                        family: Some(names.family(family)),
                        min_level,
                        recent_since,
                        now,
                        limit,
                        ..Default::default()
                    };
                    let by_lines = SearchRows { skills: names.skills_of(family), ..by_family.clone() };
                    let counted: Vec<Found> = store.search(&by_family).await.unwrap();
                    let lines: Vec<Found> = store.search(&by_lines).await.unwrap();
                    assert_eq!(counted, lines, "family {family}, level {min_level}, since {recent_since:?}, at {now}");
                    found += counted.len();
                }
            }
        }
    }
    found
}

async fn searches_by_family_match_the_count_over_skill_lines(store: Store) {
    let names = Names { run: format!("{:08x}", rand::random::<u32>()) };
    let mut rng = StdRng::seed_from_u64(23);
    let mut published: Vec<NewPublication> = Vec::new();
    for holder in 0..120 {
        let new = publication(&mut rng, &names, holder);
        store.publish(&new).await.unwrap();
        published.push(new);
    }
    let mut found = 0;
    for now in [NOW, NOW + 50, NOW + 200, NOW + 2000] {
        found += compare(&store, &names, now).await;
    }
    // A status re-check drops lines; some holders withdraw, others publish again.
    let later = NOW + 2000;
    for new in published.iter().take(30) {
        let dropped: Vec<i64> = new.skills.iter().map(|s| s.document).filter(|d| d % 2 == 0).collect();
        store.checked(&new.id, &dropped, later).await.unwrap();
    }
    for new in published.iter().skip(30).take(20) {
        assert!(store.withdraw(&new.holder).await.unwrap());
    }
    for holder in 50..70 {
        store.publish(&publication(&mut rng, &names, holder)).await.unwrap();
    }
    found += compare(&store, &names, later).await;
    assert!(found > 1000, "the searches found too little to compare: {found}");
    // Nothing is counted for a withdrawn publication.
    let withdrawn = &published[30];
    assert!(store.publication_skills(&withdrawn.id).await.unwrap().is_empty());
    for family in 0..FAMILIES {
        let everyone = SearchRows {
            family: Some(names.family(family)),
            min_level: 1,
            now: NOW,
            limit: 1000,
            ..Default::default()
        };
        assert!(store.search(&everyone).await.unwrap().iter().all(|found| found.id != withdrawn.id));
    }
}

#[tokio::test]
async fn on_sqlite() {
    searches_by_family_match_the_count_over_skill_lines(Store::memory()).await;
}

#[tokio::test]
async fn on_postgresql_when_there_is_one() {
    let Ok(url) = std::env::var("DATABASE_URL") else {
        eprintln!("DATABASE_URL is not set: PostgreSQL not tested");
        return;
    };
    searches_by_family_match_the_count_over_skill_lines(Store::open(&url).unwrap()).await;
}
