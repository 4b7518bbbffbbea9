//! What the `suites` bench and the `profile_rdfc` example measure alike, so a profile explains
//! the bench's figure and not a near-copy of its input.

/// A revocation and a suspension entry (Bitstring Status List): two more typed nodes under VC
/// 2.0's scoped context, what issuance with status entries signs.
pub fn two_status_entries() -> serde_json::Value {
    serde_json::json!([
        {"id": "https://talent.example/status/revocation/1#94567", "type": "BitstringStatusListEntry",
         "statusPurpose": "revocation", "statusListIndex": "94567",
         "statusListCredential": "https://talent.example/status/revocation/1"},
        {"id": "https://talent.example/status/suspension/1#23452", "type": "BitstringStatusListEntry",
         "statusPurpose": "suspension", "statusListIndex": "23452",
         "statusListCredential": "https://talent.example/status/suspension/1"}
    ])
}
