# Messages of the credentials crate: why a credential, a presentation, a status list or a
# request is refused, and the lines of a verification report.

## error.rs: InputError, the bytes handed to us cannot even be read as a credential.
input-too-large = the input is { $size } bytes, over the limit of { $limit } bytes
input-empty = the input is empty
input-not-json = the input is neither JSON nor a compact JWT ({ $detail })
input-unreadable = cannot read { $path }: { $reason }
input-too-deep = the JSON is nested deeper than { $limit } levels
input-not-an-object = expected a JSON object, found { $found }
input-unknown-document-type = neither a credential nor a presentation (type must include VerifiableCredential or VerifiablePresentation)
input-missing-field = the required field `{ $field }` is missing
input-invalid-field = the field `{ $field }` is invalid: { $reason }
input-not-a-term = `{ $key }` is not a term of the credential's contexts: full IRIs, compact IRIs and JSON-LD keywords are not accepted as property names
input-blank-node-id = the blank node identifier `{ $id }` is not accepted
input-too-many = { $what }: { $count }, more than the { $limit } accepted
input-nested-context = `@context` is accepted only at the top of a document, of each credential a presentation carries and of each proof (a credential nested elsewhere names its contexts as URLs)

## input.rs: why the input is not JSON, for French readers (English readers see the parser's own words).
input-not-utf8 = invalid UTF-8 at byte { $offset }
input-json-invalid-at = invalid JSON at line { $line }, column { $column }

## error.rs: ContextError, the JSON-LD `@context` cannot be processed safely.
context-missing = `@context` is missing
context-wrong-first = the first `@context` must be { $expected }, found { $found }
context-not-bundled = the context { $url } is not bundled with this program and is never fetched from the network
context-invalid-entry = `@context` entries must be URLs, or objects after the first entry
context-keyword-alias = the inline context makes `{ $term }` a second name for `{ $keyword }`: the checks read `{ $keyword }` under its usual name only
context-term-redefined = the inline context redefines `{ $term }`, which a bundled context already defines: the checks read it as the bundled context says
context-second-name = the inline context makes `{ $term }` a second name for { $iri }, which the bundled contexts call `{ $bundled }`: the checks read it under that name only
context-inline-prefix = the inline context defines `{ $term }` as a prefix, which would change what identifiers written as `{ $term }:…` mean
context-inline-keyword = `{ $keyword }` is not accepted in an inline context
context-inline-vocab = the inline `@vocab` { $vocab } would make `{ $name }` mean what the bundled contexts call `{ $bundled }`
context-data-loss = `{ $term }` is not defined by the document's contexts, so it would not be signed (data loss)
context-too-ambiguous = RDF canonicalization of this document would take { $count } { $what ->
        [steps] n-degree steps
       *[linked] linked blank nodes
    } (limit { $limit }): too many blank nodes that cannot be told apart
context-json-ld = JSON-LD processing failed: { $detail }
# contexts.rs: the JSON-LD loader asked for a context it does not hold (inside the JSON-LD library's
# English error message).
context-loader-not-bundled = context is not bundled

## envelope.rs: why a VCDM 2.0 envelope (EnvelopedVerifiableCredential, EnvelopedVerifiablePresentation) is refused.
envelope-context = an { $envelope } must have a `@context` that includes https://www.w3.org/ns/credentials/v2
envelope-not-data-url = an envelope's `id` must be a `data:` URL carrying the secured document
envelope-media-type = `{ $media_type }` is not a media type an { $envelope } carries (a JWT or an SD-JWT of its kind)
envelope-not-utf8 = the `data:` URL's content is not UTF-8 text
envelope-not-base64 = the `data:` URL says base64 but its content is not base64
envelope-payload = the `data:` URL's content is not a { $media_type } document

## error.rs: ProofError, a proof is missing, malformed, or does not match the document and key.
proof-none = the document has no proof
proof-unsupported-type = the proof type `{ $proof_type }` is not supported
proof-unknown-cryptosuite = the cryptosuite `{ $suite }` is not supported
proof-missing-field = the proof field `{ $field }` is missing
proof-invalid-field = the proof field `{ $field }` is invalid: { $reason }
proof-bad-value = the proofValue is not valid: { $reason }
proof-signature-mismatch = the signature does not match the document and the key: the credential was changed or signed by another key
proof-wrong-purpose = the proof purpose is `{ $found }` where `{ $expected }` is required
proof-method-not-authorized = the key { $method } is not authorized for { $purpose } by its DID document
proof-previous-missing = previousProof `{ $id }` names no proof in this document
proof-previous-invalid = the proof endorses previousProof `{ $id }`, which does not verify: { $reason }
proof-signer-not-issuer = the proof was made by { $signer }, which is not the issuer { $issuer }
proof-expired = the proof expired at { $at }
proof-holder-not-subject = the presentation was signed by { $holder }, who is not the subject of every credential it carries
proof-challenge-mismatch = the presentation's { $field } is { $found }, expected { $expected }: it was made for another request
proof-presentation-required = a challenge was given, so a presentation signed by the holder is required, not a bare credential
proof-audience-not-given = the presentation was made for { $domain } only: say which audience you check it for (--audience { $domain } when you are that audience)
proof-presentation-too-old = the presentation was signed at { $signed }, more than { $max_seconds } seconds ago: ask the holder for a new one
proof-presentation-from-future = the presentation claims to be signed in the future ({ $at })
proof-presentation-undated = the presentation does not say when it was signed, and this request limits its age
proof-too-many = { $count } proofs, more than the { $limit } accepted

## proof/data_integrity.rs: why a Data Integrity proof field is invalid.
data-integrity-must-be-string = must be a string
data-integrity-not-a-date = not an RFC 3339 date and time ({ $detail })
data-integrity-must-be-object = must be an object
data-integrity-must-be-string-or-array = must be a string or array
data-integrity-context-mismatch = does not match the document's @context

## error.rs: DidError, a DID could not be resolved to a usable key.
did-invalid = `{ $did }` is not a valid DID
did-unsupported-method = the DID method `{ $method }` is not supported
did-offline = did:web is not resolved offline: add --online, or give the DID document with --did-document
did-address-refused = refused to contact { $host }: it resolves to { $address }, a private, loopback or link-local address
did-document-too-large = the DID document is larger than { $limit } bytes
did-fetch = fetching the DID document failed: { $detail }
did-invalid-document = the DID document is invalid: { $detail }
did-method-not-found = the key { $method } is not in the DID document
did-unsupported-key = the key is not an Ed25519 key: { $detail }

## error.rs: JoseError, a `vc+jwt` is malformed or uses a header we refuse.
jose-malformed = not a compact JWS: { $detail }
jose-algorithm-refused = the JWT algorithm `{ $alg }` is refused: only EdDSA with an Ed25519 key is accepted
jose-wrong-type = the JWT header `typ` is `{ $found }`, expected `{ $expected }`
jose-missing-kid = the JWT header has no `kid` naming the key
jose-kid-not-issuer = the JWT key { $kid } does not belong to the issuer { $issuer }
jose-signature-invalid = the JWT signature is invalid: the credential was changed or signed by another key
jose-library = JWT processing failed: { $detail }

## jose.rs: why a compact JWS is malformed (`part` is header, payload or segment).
jose-three-parts = expected three dot-separated parts
jose-refused-header-parameters = header parameters crit, jwk, jku, x5u and x5c are not accepted
jose-refused-header-parameters-did = header parameters crit, jku, x5u and x5c are not accepted
jose-part-not-base64 = { $part } is not base64url: { $detail }
jose-part-not-json = { $part } is not JSON: { $detail }
jose-sd-jwt-not-jws = an SD-JWT (with `~`) is not a compact JWS
jose-header-not-object = header is not a JSON object

## error.rs: ValidityError, the validity window rules the credential out.
validity-invalid-date = `{ $field }` is not a date and time with a time zone: { $value }
validity-until-before-from = validUntil ({ $until }) is before validFrom ({ $from })
validity-expired = expired on { $at }
validity-not-yet-valid = not valid before { $at }

## error.rs: SignerError, and sd_jwt.rs when a JWT could not be signed.
signer-failed = signing failed: { $detail }
signer-unavailable = the signing key is unavailable for now: { $detail }

## error.rs: StatusError, revocation or suspension, or why a status could not be read.
status-revoked = the issuer has revoked this credential
status-suspended = the issuer has suspended this credential
status-entry-malformed = the credentialStatus entry is malformed: { $detail }
status-unsupported = this kind of status is not supported: { $detail }
status-retrieval = status unknown: the status list { $url } could not be retrieved ({ $detail })
status-list-invalid = { $url } is not a valid status list credential ({ $reason })
status-list-proof = the status list's signature does not verify ({ $code })
status-list-issuer-mismatch = the status list is issued by { $list }, not by the credential's issuer { $credential }
status-list-expired = the status list expired at { $at }
status-list-not-yet-valid = the status list is not valid before { $at }
status-purpose-mismatch = the status list is for `{ $list }` but the entry is for `{ $entry }`
status-encoding = the status list's bits are not readable: { $detail }
status-too-large = the status list inflates to more than { $limit } bytes: refused
status-too-short = the status list has { $entries } entries, fewer than the { $minimum } required for privacy
status-index-out-of-range = status index { $index } is outside the list of { $entries } entries

## status/entry.rs: why a credentialStatus entry cannot be read.
status-entry-too-many = { $count } credentialStatus entries, more than the { $limit } read
status-entry-not-object = not an object
status-entry-type = credentialStatus of type { $types }
status-entry-not-string = `{ $name }` must be a string
status-entry-index-not-integer = statusListIndex `{ $index }` is not a base-10 integer
status-entry-index-too-large = statusListIndex `{ $index }` is too large
status-entry-list-not-url = statusListCredential `{ $list }` is not a URL: { $detail }
status-entry-size = statusSize { $size } (only 1 is read)

## status/token.rs: why a Status List Token reference or its `lst` cannot be read.
status-token-no-list = the status claim names no status_list
status-token-index = status_list.idx is not a non-negative integer
status-token-uri-not-string = status_list.uri is not a string
status-token-uri-not-url = status_list.uri is not a URL: { $detail }
status-token-not-base64 = lst is not base64url without padding: { $detail }
status-token-not-zlib = lst is not zlib: { $detail }

## status/bitstring.rs: why an encodedList cannot be read.
status-bitstring-prefix = the multibase prefix must be `u` (base64url)
status-bitstring-not-base64 = encodedList is not base64url without padding: { $detail }
status-bitstring-not-gzip = encodedList is not GZIP: { $detail }

## status/mod.rs: why a status list could not be fetched.
status-fetch-not-url = not a URL: { $detail }
status-fetch-not-given = no such list was given
status-fetch-not-modified-uncached = 304 without a cached copy

## verify.rs: why a document's structure or status value is refused.
verify-status-value = status value { $value } has no meaning here
verify-embedded-presentation = holds a presentation, not a credential
verify-both-types = cannot be both VerifiableCredential and VerifiablePresentation
verify-type-missing = must include { $required }
verify-issuer-shape = must be a URL or an object with an `id` URL
verify-issuer-not-url = `{ $id }` is not a URL
verify-subject-empty = must be a non-empty object
# The reason of a schema that could not be applied, for French readers (English readers see
# the schemas crate's own words).
verify-schema-not-applied = the schema could not be applied

## verify/data_model.rs: why an optional property breaks a MUST of VC Data Model 2.0 (after "the field `x` is invalid: ").
data-model-not-objects = it must be an object or a list of objects
data-model-type-missing = entry { $position } has no `type`, which the data model requires
data-model-schema-id = the `id` of entry { $position } ({ $id }) must be the URL of the schema
data-model-entry-id = the `id` of entry { $position } ({ $id }) must be a URL
data-model-related-id = entry { $position } must have an `id` URL naming the resource
data-model-related-repeated = the resource { $id } is listed more than once
data-model-related-digest = entry { $position } must have a `digestSRI` or a `digestMultibase`
data-model-language-text = it must be a string or a language value object (`@value`, with `@language` a language tag and `@direction` ltr or rtl), or a list of them

## error.rs: SdJwtError, an SD-JWT is refused with the RFC 9901 rule it breaks.
sd-jwt-malformed = not an SD-JWT: { $detail }
sd-jwt-disclosure-malformed = a disclosure is malformed: { $detail }
sd-jwt-duplicate-disclosure = the same disclosure is sent twice
sd-jwt-duplicate-digest = a digest appears more than once in the signed payload
sd-jwt-unreferenced-disclosure = a disclosure matches nothing the issuer signed: it was changed or comes from another credential
sd-jwt-claim-collision = the disclosed claim `{ $name }` already exists in the credential
sd-jwt-reserved-name = `{ $name }` may not be the name of a disclosed claim
sd-jwt-list-item-for-member = a list-item disclosure is used where a named claim is expected
sd-jwt-member-for-list-item = a named-claim disclosure is used where a list item is expected
sd-jwt-unsupported-alg = the digest algorithm `{ $alg }` is not supported: only sha-256 is
sd-jwt-too-many-disclosures = { $count } disclosures, more than the { $limit } accepted
sd-jwt-too-deep = disclosed claims are nested deeper than { $limit } levels
sd-jwt-not-disclosable = `{ $path }` is not a claim of this credential that can be disclosed
sd-jwt-bad-path = `{ $path }` is not a claim path (names separated by dots, numbers for list items)
sd-jwt-issuer-signature = the issuer's signature is invalid: the credential was changed or signed by another key
sd-jwt-key-binding-missing = proof of possession is required and the presentation has no key-binding JWT
sd-jwt-key-binding-malformed = the key-binding JWT is malformed: { $detail }
sd-jwt-key-binding-signature = the key-binding JWT is not signed by the key the credential was issued to
sd-jwt-key-binding-nonce = the key-binding JWT answers another request (nonce mismatch)
sd-jwt-key-binding-audience = the key-binding JWT is addressed to another verifier (audience mismatch)
sd-jwt-key-binding-sd-hash = the key-binding JWT does not cover what was presented (sd_hash mismatch)
sd-jwt-key-binding-too-old = the key-binding JWT is older than this verifier accepts
sd-jwt-key-binding-from-future = the key-binding JWT is dated in the future
sd-jwt-must-be-visible = the issuer made `{ $name }` hideable, but an SD-JWT VC must always show it
sd-jwt-no-confirmation-key = the credential has no usable holder key (cnf): { $detail }

## sd_jwt.rs: why an SD-JWT, a disclosure or a key-binding JWT is malformed.
sd-jwt-disclosure-not-base64 = not base64url without padding
sd-jwt-disclosure-not-array = not a JSON array
sd-jwt-disclosure-salt = the salt is not a string
sd-jwt-disclosure-name = the claim name is not a string
sd-jwt-disclosure-length = not an array of two or three elements
sd-jwt-no-separator = no `~` separator
sd-jwt-empty-disclosure = an empty disclosure between `~`
sd-jwt-issuer-part = the issuer-signed part is not a compact JWS
sd-jwt-sd-not-array = `_sd` is not an array
sd-jwt-sd-entry = an `_sd` entry is not a string
sd-jwt-array-digest = an array digest is not a string
sd-jwt-already-bound = already has a key-binding JWT
sd-jwt-key-binding-type = typ must be { $expected }
sd-jwt-key-binding-crit = the crit header is not accepted
sd-jwt-key-binding-claim-missing = `{ $name }` is missing

## sd_jwt_vc.rs: why the holder key (cnf) cannot be used. The first two are for French readers
## (English readers see the JOSE library's own words).
sd-jwt-vc-jwk-unreadable = unreadable JWK
sd-jwt-vc-p256-unusable = unusable P-256 key
sd-jwt-vc-no-jwk = no cnf.jwk
sd-jwt-vc-private-key = the JWK holds a private key
sd-jwt-vc-key-unsupported = key type { $kty } curve { $crv } is not supported

## net.rs: why a fetch produced no body.
net-address-refused = refused to contact { $host }: it resolves to { $address }
net-too-large = the response is larger than { $limit } bytes
net-failed = request failed: { $detail }

## dcql.rs: why a DCQL query is not usable, or an answer does not satisfy it.
dcql-invalid = the query is not valid DCQL: { $detail }
dcql-unsupported-format = the query asks for the format `{ $format }`, which is not supported (ldp_vc, jwt_vc_json, dc+sd-jwt)
dcql-missing = the answer has nothing for the required credential `{ $id }`
dcql-not-multiple = the answer has several credentials for `{ $id }`, which asks for one
dcql-unrequested = the answer names `{ $id }`, which the query does not ask for
dcql-no-match = the credential given for `{ $id }` does not match what was asked (format, type or claim values)
dcql-too-large = the query is larger than { $limit } bytes
dcql-credentials-count = `credentials` must hold 1 to { $max } queries
dcql-bad-id = `{ $id }` is not a valid credential query id (letters, digits, _ and -)
dcql-id-twice = the credential query id `{ $id }` is used twice
dcql-vct-values = `{ $id }`: a dc+sd-jwt query names 1 to { $max } meta.vct_values (and no type_values)
dcql-vct-values-not-sd-jwt = `{ $id }`: meta.vct_values is for dc+sd-jwt queries
dcql-type-values = `{ $id }`: meta.type_values must hold 1 to { $max } arrays of 1 to { $max } IRIs
dcql-claims-count = `{ $id }`: claims must hold 1 to { $max } entries
dcql-claim-path = `{ $id }`: a claim path holds 1 to { $max } strings, non-negative integers or nulls
dcql-claim-values = `{ $id }`: values must hold 1 to { $max } strings, numbers or booleans
dcql-claim-id = `{ $id }`: the claim id `{ $claim }` is invalid or used twice
dcql-claim-sets = `{ $id }`: claim_sets must hold 1 to { $max } sets of claim ids defined in claims
dcql-credential-sets = credential_sets must hold 1 to { $max } sets of non-empty options naming credential queries

## oid4vp.rs: why an OpenID4VP request object or link is not accepted.
oid4vp-signature = the request's signature does not hold: { $reason }
oid4vp-malformed = the request object is not valid: { $detail }
oid4vp-not-decentralized = the verifier `{ $id }` is not identified by a DID (decentralized_identifier:…)
oid4vp-signer-not-client = the request was signed by { $signer }, not by the verifier { $client_id } it names
oid4vp-client-mismatch = the link names the verifier { $link }, the signed request { $signed }
oid4vp-unsupported = `{ $field }` is `{ $found }`; only `{ $expected }` is supported
oid4vp-expired = the request expired at { $at }
oid4vp-empty-nonce = the nonce is empty
oid4vp-exp-out-of-range = exp is out of range
oid4vp-iat-in-future = iat is in the future
oid4vp-not-a-link = not an openid4vp:// link or https URL
oid4vp-by-value = requests by value are not accepted: use request_uri
oid4vp-no-request-uri = the link has no request_uri

## report.rs: the label of each check of a verification report.
report-check-structure = structure
report-check-proof = signature
report-check-issuer-binding = signed by the issuer
report-check-holder-signed = signed by the holder
report-check-validity = validity dates
report-check-schema = schema
report-check-status = revocation status
report-check-holder-binding = presented by its holder
report-check-challenge = challenge and domain
report-check-trusted-issuer = issuer trusted for this credential
report-check-presentation-age = presented recently

## report.rs: why a check failed or was not made.
report-not-trusted = the signature is valid, but { $issuer } is not in this verifier's registry for { $types }
report-schema-mismatch = does not match its schema: { $violations }
report-schema-violation = { $pointer } ({ $message })
report-schema-separator = {"; "}
report-status-offline = not checked offline: revocation and suspension are read from the issuer's status list online (verifier verify --online)
report-earlier-failure = not checked because an earlier check failed

## error.rs: a JSON reading failure by kind, for French readers (English readers see serde's own words).
json-data = a field is missing, unknown or of the wrong type
json-data-at = a field is missing, unknown or of the wrong type (line { $line }, column { $column })
json-eof = incomplete JSON
json-eof-at = incomplete JSON (line { $line }, column { $column })
json-syntax = invalid JSON
json-syntax-at = invalid JSON (line { $line }, column { $column })
# dcql.rs and oid4vp.rs: JSON that is well formed but not shaped as expected (French readers only).
json-structure = wrong structure: { $detail }

## error.rs: the kind of an input/output failure, for French readers (English readers see the
## system's own words).
io-not-found = file or folder not found
io-permission-denied = permission denied
io-already-exists = already exists
io-storage-full = disk full
io-read-only-filesystem = read-only file system
io-is-a-directory = is a directory
io-not-a-directory = not a directory
io-invalid-data = invalid data
io-unexpected-eof = unexpected end of file
io-timed-out = timed out
io-address-in-use = address already in use
io-address-not-available = address not available
io-connection-refused = connection refused
io-interrupted = operation interrupted
io-other = input/output error

# The trust registry file (trust_registry.rs).
registry-unreadable = cannot read { $path }: { $reason }
registry-invalid = { $path }, line { $line }: { $reason }
registry-toml = { $detail }
registry-not-a-did = `{ $id }` is not a DID (without fragment)
registry-not-did-web = `{ $id }` is not a valid did:web
registry-name-missing = an issuer needs `name` and `name_fr`
registry-no-types = `credential_types` is empty: name the types, or "*"
registry-until-not-after-from = `until` is not after `from`
registry-overlaps = overlaps the entry on line { $line } (same issuer, type and time)
