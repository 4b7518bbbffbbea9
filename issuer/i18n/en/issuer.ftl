# Messages of the issuer: HTTP problem texts (`detail`), command output and errors, configuration,
# batch reports. Values that are not prose (DIDs, URLs, another library's own text) are variables.

# What a client reads in a problem body (error.rs).
error-exists = { $what } already exists
error-internal = an internal error occurred; it has been logged
error-unauthorized = a valid bearer token is required
error-forbidden = this token lacks the `{ $scope }` scope
error-form-rejected = this form is no longer valid (it belongs to another sign-in, or the page is too old): nothing was done; reload the page and try again
error-sign-in-refused = your organization's sign-in worked, but none of your groups is given a permission in this console: no session was opened; ask your department's console administrator to give your group access
error-sign-in-cancelled = the sign-in was cancelled or refused at your organization's sign-in page: you are not signed in
error-sign-in-unknown = this sign-in is unknown, expired (ten minutes) or already used, or it was started in another browser: nothing was done; sign in again
error-identity-provider = your organization's sign-in service could not be reached, or its answer could not be verified: you are not signed in; try again in a moment
error-other-department = this token issues for department { $department } only, not as { $issuer }
error-too-many-requests = too many requests for this token; slow down
error-payload-too-large = the request body is larger than the limit
error-method-not-allowed = this method is not allowed on this path
error-schema = the credential does not match its schema: { $violations }
error-refused = the credential is refused: { $detail }
error-not-found = { $what } not found
error-bad-request = bad request: { $detail }
error-issuer-mismatch = the issuer { $issuer } is not the key's DID { $key_did }: a verifier would reject the credential
error-idempotency-key-reused = the idempotency key `{ $key }` was used for a different request
error-malformed = { $what } is malformed: { $reason }

# Internal failures as logged (and shown to the operator of a command), never sent to a client.
error-handler-panicked = a request handler panicked
error-unexpected = unexpected failure: { $cause }
error-key-unavailable = the department's signing key is unavailable for now (its hardware security module does not answer); nothing was issued, try again later
error-key-unavailable-cause = signing key unavailable: { $cause }

# Refusals of the HTTP layer (http.rs), before a request reaches the service.
http-query-invalid = the query string is invalid: { $reason }
http-path-invalid = the path is invalid: { $reason }
http-route = route
http-person-not-text = `person` (who the credential is for) must be text
http-status-list = status list { $number }
http-credential-id-missing = `credentialId` (a string) is missing
http-credential-status-not-list = `credentialStatus` must be a non-empty array of {"{"}type, status{"}"}
http-status-type-unsupported = status type `{ $kind }` is not supported: use BitstringStatusListEntry
http-status-unknown = status `{ $status }` is not one of revoked, suspended, active
http-status-missing = `status` is missing: use revoked, suspended or active
http-offer-request = the offer request
http-template-request = the template request
http-batch-request = the batch request
http-url-nul = the URL contains a NUL character (%00)
# `reason`: the web framework's own text.
http-body-unreadable = { $reason }
# `reason`: the JSON parser's own text in English, `http-json-position` in French.
http-body-not-json = the body is not valid JSON: { $reason }
http-json-position = (line { $line }, column { $column })
http-body-nul = the body contains a NUL character (\u0000)
http-idempotency-key-not-ascii = Idempotency-Key must be ASCII
http-body-not-object = the body must be a JSON object {"{"}credential, options{"}"}
http-credential-is-string = `credential` must be a JSON object, not a string
http-credential-missing = `credential` is missing
http-batch-too-many-rows = { $rows } rows, more than the { $most } accepted per request
http-verification-method-missing = `verificationMethod` (a string) is missing
http-database-unreachable = the database does not answer
# Said by the HTTP layer and by the service alike.
credential-not-object = `credential` must be a JSON object
credential-offer = credential offer { $id }

# Refusals of the service (service.rs): departments, keys, tokens, issuing.
service-unknown-did-method = unknown DID method `{ $method }`: use web or key
service-unknown-scope = unknown scope `{ $scope }`: use issue, revoke or admin
service-did-key-cannot-rotate = department { $department } uses did:key, whose identifier is its one key: it cannot rotate its key (create a did:web department to rotate keys)
service-did-key-in-token = a did:key department cannot keep its key in a hardware security module: its identifier is made from the key before it exists (use did:web)
service-key-not-destroyable = key { $method } cannot be removed from the hardware security module: only a retired key kept there can
service-did-key-cannot-retire = department { $department } uses did:key, whose identifier is its one key: it cannot retire its key (create a did:web department to rotate keys)
service-unknown-status-purpose = unknown status purpose `{ $purpose }`: use revocation, suspension or both
service-department-id-invalid = department id `{ $id }` must be lowercase letters, digits and dashes (at most 63)
service-department-name-incomplete = a department needs a name in English and in French
service-department = department { $department }
service-sso-department = single sign-on of department { $department }
service-signing-key = signing key of department { $department }
service-key = key { $method } of department { $department }
service-key-is-signing = { $method } is the signing key: rotate first (issuer key rotate), then retire it
service-key-retired-already = { $method } is retired already
service-key-changed = { $method } changed meanwhile: look again
service-since-invalid = `since` must be an RFC 3339 time such as 2026-01-31T09:00:00Z, not `{ $since }`
service-did-document-of-did-key = DID document of department { $department } (it uses did:key, resolved from the identifier itself)
service-token-without-scope = a token needs at least one scope
service-live-token = live token { $id } of department { $department }
service-batch-over-rate = { $sent } rows: this token may send at most { $most } rows per request (its rate limit per second); split the batch
service-idempotency-key-length = Idempotency-Key must be 1 to 200 characters
service-idempotency-key-reserved = Idempotency-Key must not start with `{ $prefix }` (reserved for offers)
service-id-not-url = `id` must be a URL (for example urn:uuid:…)
service-credential-nul = the credential contains a NUL character
service-person-length = `person` (who the credential is for) must be 1 to { $most } characters
service-credential-exists = credential { $id } exists
service-credential = credential { $id }
# Internal causes, logged.
service-signing-slots-closed = the signing slots were closed
service-signing-failed = signing failed: { $reason }

# OpenID4VCI (service/oid4vci.rs): offers, their metadata, and the protocol's refusals
# (`error_description`).
oid4vci-skill-credential = Skill credential
oid4vci-assignment-credential = Assignment credential
# An offer's PIN, as a wallet shows it (both languages are sent, joined by " / ").
oid4vci-tx-code-description = Code sent to you by your department
oid4vci-fields-not-object = `fields` must be a JSON object
oid4vci-fields-name-subject = `fields` must not name a subject: the credential is bound to the key the wallet proves
oid4vci-fields-invalid = `fields`: { $reason }
oid4vci-unknown-configuration = unknown credential configuration `{ $configuration }`: use one of { $known }
oid4vci-person-length = `person` (who the offer is for) must be 1 to 200 characters
oid4vci-expires-in = expiresIn must be 1 to { $most } seconds
oid4vci-grant-unsupported = only { $grant } is supported
oid4vci-code-missing = pre-authorized_code is missing
oid4vci-code-unknown = unknown pre-authorized code
oid4vci-offer-used = this offer was already used
oid4vci-offer-expired = this offer has expired
oid4vci-too-many-wrong-pins = too many wrong transaction codes: ask for a new offer
oid4vci-wrong-pin = wrong transaction code (PIN)
oid4vci-offer-used-or-expired = this offer was already used or has expired
oid4vci-token-unknown = unknown access token
oid4vci-token-expired = the access token has expired
oid4vci-other-configuration = this offer is for { $configuration }
oid4vci-one-key-proof = exactly one JWT key proof is required
oid4vci-key-proof-invalid = the key proof does not verify: { $reason }
oid4vci-key-proof-audience = the key proof's audience must be { $audience }
oid4vci-key-proof-iat = the key proof's iat is missing or too far from now
oid4vci-nonce-invalid = the key proof's nonce is unknown, used or expired: get a new one from the nonce endpoint
oid4vci-issued-to-another-key = the credential of this offer was already issued to another key
oid4vci-parameter-repeated = the parameter { $name } is sent more than once
oid4vci-grant-missing = grant_type is missing
oid4vci-tx-code-missing = this offer requires its transaction code (tx_code)
oid4vci-tx-code-unexpected = this offer has no transaction code: send no tx_code
oid4vci-key-proof-no-nonce = the key proof has no nonce: this issuer has a nonce endpoint, whose c_nonce goes in the proof's nonce claim
oid4vci-key-proof-nonce-not-text = the key proof's nonce must be a string
oid4vci-request-not-object = the credential request must be a JSON object
oid4vci-unknown-identifier = unknown credential identifier { $identifier }: this issuer hands out none, name the credential_configuration_id
oid4vci-configuration-missing = credential_configuration_id is missing
# Internal causes, logged.
oid4vci-stored-configuration-unknown = stored offer has unknown configuration { $configuration }
oid4vci-stored-offer-unreadable = stored offer: { $reason }

# Revocation and suspension (service/status.rs). `purpose`: revocation or suspension.
status-no-free-index = no free { $purpose } status index
status-own-list = the status list { $list } is this service's: its entries are given by the issuer (send the credential without `credentialStatus` to get them, or with entries of lists you publish)
status-list-of = status list { $number } of { $department }
status-no-entry = credential { $id } has no { $purpose } entry
status-revocation-final = credential { $id } is revoked: revocation is final
# Internal causes, logged.
status-list-signing-failed = signing the status list failed: { $reason }
status-token-signing-failed = signing the status list token failed: { $reason }

# Signing (sign.rs): what the issuer refuses to sign.
sign-unknown-suite = unknown suite `{ $suite }`: use eddsa-rdfc-2022, eddsa-jcs-2022, vc-jwt or dc+sd-jwt
sign-already-signed = the credential already has a proof: send it unsigned
sign-enveloped = it is an EnvelopedVerifiableCredential, secured already: send the credential it carries, without its securing
sign-sd-jwt-needs-v2 = an SD-JWT VC is issued from a VC Data Model 2.0 credential, not 1.1

# The database (store/): what exists already, and failures as logged.
store-department = department { $id }
store-credential = credential { $id }
store-database = database error: { $reason }
store-migration = database migration failed: { $reason }
store-unsupported-url = unsupported database URL `{ $url }`: use sqlite://… or postgres://…
store-contention = gave up after repeated conflicts: { $what }
store-corrupt = stored data is inconsistent: { $what }
store-opening-list = opening a { $purpose } status list of { $department }
store-reserving-indexes = reserving { $purpose } status indexes of { $department }
store-credential-refused = credential { $id } was refused by the database although its id and idempotency key are new (a status position taken twice?)

# Configuration (config.rs): the file and the ISSUER_* variables.
config-unreadable = cannot read configuration file { $path }: { $reason }
# `reason`: the TOML parser's own text.
config-invalid = configuration file { $path } is invalid: { $reason }
config-invalid-at-line = configuration file { $path } is invalid at line { $line }: { $reason }
# `name`: the setting; `reason`: one of the config- messages below.
config-value-invalid = { $name } is invalid: { $reason }
config-pkcs11-module-missing = a PKCS#11 token is configured without its module (pkcs11_module or ISSUER_PKCS11_MODULE)
config-pkcs11-token = name the PKCS#11 token by pkcs11_token_label or by pkcs11_slot (one of them)
config-pkcs11-pin = the PKCS#11 token needs its user PIN: ISSUER_PKCS11_PIN or pkcs11_pin_file (never in the configuration file itself)
# `reason`: the number, address or URL parser's own text.
config-not-a-count = `{ $text }`: { $reason }
config-not-an-address = `{ $text }`: { $reason }
config-not-a-url = `{ $text }`: { $reason }
config-tls-half = give both the certificate and the key file
config-public-url-shape = must be http(s), a host and an optional port, without a path, query, fragment or user
config-public-url-required = required when listening on { $listen }: say how clients reach this issuer (it names its DIDs and status lists)
config-log-format = `{ $format }`: use text or json
config-status-ttl = { $seconds }: give 1 to { $most } seconds (a list is valid for { $most } s)
# `department`: the id of an [oidc.<department>] table; `key`: its setting; `reason`: one of the config-oidc- messages below.
config-oidc-invalid = [oidc.{ $department }] { $key } is invalid: { $reason }
config-oidc-missing = give a value
config-oidc-department = a department id is lowercase letters, digits and dashes (at most 63)
config-oidc-https = `{ $text }`: an identity provider is reached over https (plain http only on this machine)
config-oidc-secret-source = give the client secret's file (client_secret_file) or the name of the environment variable holding it (client_secret_env), one of them
config-oidc-secret-file = cannot read { $path }: { $reason }
config-oidc-secret-empty = the client secret is empty or not set
config-oidc-no-mapping = map at least one value of the `{ $claim }` claim to console permissions (issue, revoke, admin)
config-oidc-scope = `{ $value }` is given `{ $scope }`: the permissions are issue, revoke and admin

# Batches of rows (batch.rs): why a row is rejected. `field`: one of the batch-field- names.
batch-field-evidence = evidence
batch-field-role = role
batch-field-department = department
batch-field-team = team
batch-field-start = start
batch-field-end = end
batch-required = { $field } is required
batch-needs-both-languages = { $field } needs both English and French
batch-not-a-date = { $field } `{ $text }` is not a date
batch-unknown-kind = kind `{ $kind }` must be skill or assignment
batch-row-failed = the row could not be processed
# `reason`: the system's own text about the file.
batch-csv-unreadable = cannot read { $path }: { $reason }
# Why a CSV row cannot be read, for French readers (English readers get the CSV reader's own text).
batch-csv-column-invalid = column { $column } of the row is invalid or missing
batch-csv-header-mismatch = the row does not match the header (a column is missing or unknown)
batch-csv-column-count = the row has { $count } columns where the header has { $expected }
batch-csv-not-utf8 = the row is not UTF-8 text
batch-csv-row-unreadable = the row cannot be read

# `issuer issue-batch` (batch_cli.rs): progress, rejected rows, summary.
# The progress bar's template: `bar`, `done`, `total`, `rate` and `left` are its placeholders.
batch-progress = { $bar } { $done }/{ $total } rows  { $rate }  { $left } left
# `cause`: the internal failure, in English.
batch-rejected-with-cause = { $reason } (cause: { $cause })
batch-rejected-line = line { $line }: { $reason }
batch-positional-rows = { $count ->
    [one] note: { $count } row has no row_id and is recognised by its position: run the file again unchanged, or add a row_id column
   *[other] note: { $count } rows have no row_id and are recognised by their position: run the file again unchanged, or add a row_id column
}
batch-summary = { $total } { $total ->
        [one] row
       *[other] rows
    }: { $issued } issued, { $skipped } skipped (issued before), { $rejected } rejected

# `issuer serve` (serve.rs): the first start on an empty database, and where it listens.
serve-demo-department = Demo Department
# `example`: a curl command line issuing a credential with the new token.
serve-department-elsewhere = department { $department } is { $did }, whose DID document is looked for at { $host }, but this service's public URL is { $url }: its credentials would not verify; start the service with ISSUER_PUBLIC_URL (or public_url in the --config file) naming { $host }, as when the department was created
serve-first-start =
    First start: created department `demo` ({ $did }) and an API token with scopes issue, revoke, admin.
    The token is shown once:

    {"  "}{ $token }

    Issue a first skill credential:

    { $example }
serve-listening = Listening on { $url }

# The `issuer` command (cli.rs): its errors and what it says on standard error.
cli-usage-error = issuer: usage error: { $message }
cli-error = issuer: error: { $message }
# `chain`: an internal failure and its causes, in English.
cli-internal-error = { $chain }
cli-rows-rejected = { $count ->
        [one] { $count } row was rejected
       *[other] { $count } rows were rejected
    }
cli-time-invalid = --{ $flag }: `{ $text }` is not an RFC 3339 date and time
cli-issuer-missing = give --issuer DID or --key FILE
cli-master-key-mismatch = the master key does not open the department keys stored in the database: give the master key they were sealed with (ISSUER_MASTER_KEY or master_key_file); nothing was changed
cli-public-url-unknown = no public URL is configured, so the department would be { $did }, the identifier of a service at { $url }, which may not be where `issuer serve` runs: set ISSUER_PUBLIC_URL (or public_url in the --config file) to the URL clients reach the service at, for example https://talent.example.ca, or ISSUER_LISTEN to the address it listens on; nothing was created
cli-public-url-disagrees = this command's public URL is { $url }, so the department would be { $did }, but department { $other } of the same database is { $other_did }, served at { $host }: run the command with the service's configuration (ISSUER_PUBLIC_URL or public_url, ISSUER_LISTEN); nothing was created
cli-not-a-service-command = not a service command
cli-unknown-key-backend = unknown key backend `{ $backend }`: use file or pkcs11
cli-no-pkcs11-token = no PKCS#11 token is configured (pkcs11_module, pkcs11_token_label or pkcs11_slot, and the PIN): a department cannot keep its keys in one
cli-key-not-in-token = the token no longer held key { $method }
cli-token-created = Token { $id } ({ $scopes }) created. It is shown once; keep it secret:
cli-passphrase-variable-empty = environment variable { $variable } is empty or unset
cli-key-written = Wrote key { $path } (DID { $did })
cli-key-of-another-did = { $path } belongs to { $did }, not { $other }
cli-credential-unreadable = cannot read the credential: { $reason }
cli-not-an-unsigned-credential = the input is not an unsigned JSON credential

# The staff console (http/console).
console-brand = Talent Credentials — staff console
console-skip = Skip to main content
console-nav = Console
console-home = Dashboard
console-signed-in-as = Signed in: { $name }, department { $department }
console-sign-out = Sign out
console-other-language = Français
console-error-title = Not done
console-back-home = Back to the dashboard
console-sign-in-title = Sign in to the staff console
console-session-ended = Your session ended (signed out, or unused for too long). Sign in again; nothing you had not sent was done.
console-sign-in-with-token = This issuer has no single sign-on configured for your department: sign in with an API token of your department (made with “issuer token create”). It opens a session with that token's permissions.
console-sign-in-token-otherwise = Departments without single sign-on here sign in with an API token of the department (made with “issuer token create”): it opens a session with that token's permissions.
console-token-label = API token
console-sign-in-button = Sign in
console-sso-heading = Your organization's sign-in
console-sso-link = Sign in with { $department }'s single sign-on
console-token-heading = With an API token
console-signed-in-title = Signed in
console-continue = Continue to the dashboard, { $name }
console-home-title = Dashboard — department { $department }
console-week-heading = The last seven days
console-week-issued = { $count ->
        [one] One credential issued
       *[other] { $count } credentials issued
    }
console-week-offered = { $count ->
        [one] One offer made
       *[other] { $count } offers made
    }
console-week-revoked = { $count ->
        [one] One credential revoked
       *[other] { $count } credentials revoked
    }
console-week-suspended = { $count ->
        [one] One credential suspended
       *[other] { $count } credentials suspended
    }
console-recent-heading = Latest credentials
console-recent-none = No credential has been issued yet.
console-column-issued-at = Issued (UTC)
console-column-type = Type
console-column-achievement = What it attests
console-column-credential = Credential
console-credential-title = Credential
console-subject = Holder (DID)
console-format = Format
console-status = Status
console-state = { $state ->
        [revoked] Revoked
        [suspended] Suspended
        [expired] Expired
       *[other] Active
    }
console-history-heading = History
console-history-at = When (UTC)
console-history-who = Who
console-history-what = What
console-history-reason = Reason
console-action = { $action ->
        [credential-issue] Credential issued
        [batch-upload] CSV file uploaded
        [credential-revoke] Credential revoked
        [credential-suspend] Credential suspended
        [credential-reinstate] Credential reinstated
        [offer-create] Offer made
        [offer-redeem] Offer redeemed by the wallet
        [session-open] Signed in
        [session-close] Signed out
        [session-refused] Sign-in refused
        [key-rotate] Signing key rotated
        [key-retire] Signing key retired
       *[other] { $code }
    }
console-audit-title = Audit trail
console-audit-since = Since (day)
console-audit-action = Action
console-audit-any = Any action
console-audit-filter = Show
console-audit-count = { $count ->
        [one] One entry
       *[other] { $count } entries (the latest { $shown } shown)
    }
console-audit-since-invalid = “{ $since }” is not a day (YYYY-MM-DD)
console-change-heading = Change its status
console-change-not-allowed = Your sign-in does not allow changing the status of credentials (the “revoke” permission is needed).
console-change-final = This credential is revoked: revocation is final.
console-change-legend = Change
console-change-revoke = Revoke (final: it can never be valid again)
console-change-suspend = Suspend (it can be reinstated)
console-change-reinstate = Reinstate (lift the suspension)
console-reason-label = Reason (kept in the audit trail)
console-confirm-label = I confirm this change.
console-change-button = Change the status
console-status-done = { $action ->
        [revoke] The credential is revoked.
        [suspend] The credential is suspended.
        [reinstate] The credential is reinstated.
        [issued] The credential is issued.
       *[other] Done.
    }
console-change-missing = choose what to change
console-reason-missing = give a reason: it is kept in the audit trail
console-confirm-missing = tick the box to confirm the change
console-form-too-large = This form is larger than the console accepts.
console-download = Download the credential (to give to its holder)
console-kind-nav = Kind of credential
console-kind-skill = Skill credential
console-kind-assignment = Assignment credential
console-skill-search = Find a skill (words of its name in English or French)
console-skill-family = Skill family
console-skill-any-family = Any family
console-skill-search-button = Find skills
console-skill-found = { $count ->
        [0] No skill found: try other words or another family.
        [one] One skill found.
       *[other] { $count } skills found.
    }
console-in-english = In English
console-in-french = In French
console-skill-label = Skill
console-skill-choose = Choose a skill
console-level-label = Level
console-level-choose = Choose a level
console-evidence-legend = Evidence (optional; in both languages when given)
console-role-legend = Role
console-unit-legend = Department or organization of the assignment
console-team-legend = Team (optional)
console-start-label = Start date
console-end-label = End date (optional)
console-skills-used-legend = Skills used (find more with the search above)
console-issue-title = Issue a credential
console-issue-intro = Issue a signed credential now. To let the person receive it in their wallet, make an offer instead.
console-subject-label = Holder's DID (optional)
console-subject-hint = The decentralized identifier of the person's wallet, e.g. did:key:z6Mk…; leave empty for a credential not bound to a key.
console-format-label = Proof format
console-format-rdfc = Data Integrity, RDF canonicalization (eddsa-rdfc-2022)
console-format-jcs = Data Integrity, JSON canonicalization (eddsa-jcs-2022)
console-format-jwt = JSON Web Token (VC-JOSE-COSE)
console-issue-button = Issue
console-issue-form-stale = This form has expired or was altered: open the form again and fill it in.
console-offer-title = Make an offer
console-offer-intro = An offer lets the person receive the credential in their own wallet, bound to their wallet's key.
console-person-label = Person
console-person-hint = Who the credential is for, as your department names them (name, email or employee number). Kept by the issuer only, to find their credentials later.
console-offer-format-label = Credential format
console-offer-ldp = Data Integrity (ldp_vc)
console-offer-jwt = JSON Web Token (jwt_vc_json)
console-offer-sd-jwt = SD-JWT VC with selective disclosure (dc+sd-jwt)
console-offer-expires-label = The offer can be redeemed for
console-offer-day = 24 hours
console-offer-hour = 1 hour
console-offer-quarter = 15 minutes
console-offer-week = 7 days
console-offer-pin-label = Protect the offer with a PIN (recommended)
console-offer-button = Make the offer
console-offer-made-title = Offer for { $person }
console-offer-made = The offer is ready. It can be redeemed once, until { $expires } (UTC).
console-offer-qr-label = QR code of the offer
console-offer-qr-caption = The person scans this code with their wallet, or opens the link below in it.
console-offer-link-label = Offer link
console-offer-pin-heading = PIN
console-offer-pin-warning = This PIN is shown only once and cannot be shown again. Send it to the person by another channel than the link (by phone, or in person), never in the same message.
console-offer-no-pin = This offer has no PIN: anyone with the link can redeem it until it expires.
console-offer-another = Make another offer
console-issue-form-used = This form already issued a credential with other values; nothing more was issued. Open the form again to issue another credential.

# The console's CSV upload (issue #24).
upload-nav = Upload a file
upload-title = Issue credentials from a CSV file
upload-not-allowed = Your sign-in does not allow issuing credentials (the “issue” permission is needed).
upload-file-label = CSV file of rows
upload-file-help = One credential per row, at most { $rows } rows and { $megabytes } MB. Uploading the same rows again issues nothing twice: rows already issued are skipped.
upload-button = Upload and issue
upload-columns-heading = Expected columns
upload-columns-intro = The first line of the file names the columns, in any order; columns left out are empty. A row is a skill (kind “skill”) or an assignment (kind “assignment”).
upload-column-name = Column
upload-column-meaning-heading = What it holds
upload-column-meaning = { $column ->
        [kind] “skill” or “assignment” (required)
        [row_id] Your HR system’s identifier of the row; the line number is used when empty
        [subject] The employee’s DID (optional)
        [skill] Skill: the skill’s key in the taxonomy, such as api_design (required)
        [level] Skill: beginner, intermediate, advanced or expert (required)
        [evidence_en] Skill: the evidence, in English (with evidence_fr, or neither)
        [evidence_fr] Skill: the evidence, in French
        [role_en] Assignment: the role, in English (required)
        [role_fr] Assignment: the role, in French (required)
        [department_en] Assignment: the department, in English (required)
        [department_fr] Assignment: the department, in French (required)
        [team_en] Assignment: the team, in English (with team_fr, or neither)
        [team_fr] Assignment: the team, in French
        [start] Assignment: the first day, YYYY-MM-DD (required)
        [end] Assignment: the last day, YYYY-MM-DD (optional)
        [skills] Assignment: skill keys separated by “;” (optional)
       *[other] { $column }
    }
upload-example-link = Download an example file (CSV)
upload-recent-heading = Latest uploads
upload-column-uploaded = Uploaded (UTC)
upload-column-file = File
upload-column-rows = Rows
upload-job-title = CSV upload
upload-job-file = File: { $file }
upload-state = { $state ->
        [running] Issuing the rows…
        [interrupted] Interrupted
       *[finished] Done
    }
upload-progress-label = Rows done
upload-progress-text = { $done } of { $total } rows: { $issued } issued, { $skipped } already issued, { $rejected } rejected
upload-reload = Reload the page to see the progress
upload-interrupted = The upload stopped before its end (the service restarted). Upload the same file again: rows already issued are skipped, the others are issued.
upload-rejected-link = { $count ->
        [one] Download the rejected row (CSV)
       *[other] Download the { $count } rejected rows (CSV)
    }
upload-rejected-heading = { $count ->
        [one] Rejected row
       *[other] Rejected rows ({ $count })
    }
upload-results-heading = All rows
upload-results-none = No row is done yet.
upload-another = Upload another file
upload-column-line = Line
upload-column-result = Result
upload-column-detail = Credential or reason
upload-row-status = { $status ->
        [issued] Issued
        [skipped] Already issued
       *[rejected] Rejected
    }
upload-no-rows = the file has no row under its header line
upload-too-many-rows = { $rows } rows, more than the { $most } accepted per file (split the file, or use issuer issue-batch)
upload-too-large = the file is larger than { $most } MB
upload-no-file = choose a CSV file to upload
upload-job = upload { $id }
console-find-title = Find credentials
console-find-link = Find credentials by person, skill, type, date or status
console-find-person = Person
console-find-person-hint = Name, email or employee number, as your department recorded it when issuing or offering. Finds those that start with what you type; capitals and extra spaces do not matter (“ada” finds “Ada Lovelace”).
console-find-skill = Skill
console-find-skill-hint = A skill credential's skill, or a skill used in an assignment.
console-find-any-skill = Any skill
console-find-any-type = Any type
console-find-type = { $kind ->
        [SkillCredential] Skill
        [AssignmentCredential] Assignment
       *[other] { $kind }
    }
console-find-from = Issued from (day)
console-find-to = Issued until (day, included)
console-find-any-status = Any status
console-find-button = Find
console-find-count = { $count ->
        [0] No credential found
        [one] One credential found
       *[other] { $count } credentials found
    }
console-find-cut = Only the latest { $shown } are listed: narrow the search to see the others.
console-find-day-invalid = “{ $day }” is not a day (YYYY-MM-DD)
console-column-person = Person (as recorded)
console-keys-title = Signing keys
console-keys-did = The department's identifier (DID):
console-keys-heading = Keys
console-keys-method = Verification method
console-keys-created = Created (UTC)
console-key-state = { $state ->
        [signing] Signs new credentials
        [published] Previous: still published, what it signed verifies
       *[other] Retired: no longer published
    }
console-keys-did-key = This department's identifier is a did:key: its one key is the identifier itself, so it cannot be rotated or retired. A department that needs to change keys uses a did:web.
console-keys-rotate-heading = Rotate the signing key
console-keys-rotate-about = A new key signs from now on. The current key stays in the DID document, so the credentials it signed still verify. The change is kept in the audit trail under your name.
console-keys-rotate-confirm = I confirm: make a new signing key.
console-keys-rotate-button = Rotate the key
console-keys-retire-heading = Retire a previous key
console-keys-retire-about = Retire a key only if it leaked: it leaves the DID document, and every credential it signed stops verifying once verifiers read the document again. This cannot be undone.
console-keys-retire-confirm = I confirm: retire { $method }; what it signed will no longer verify.
console-keys-retire-button = Retire this key
console-keys-done = { $action ->
        [rotate] A new signing key was made; the previous one stays published.
       *[other] The key was retired.
    }
console-keys-confirm-missing = tick the box to confirm the change of keys
console-keys-method-missing = say which key to retire
console-issue-person-label = Person (optional)

# Skills-ecosystem figures (domain/figures.rs, `issuer figures`, POST /figures/releases).
figures-no-budget = department { $department } has no privacy budget for { $period }: set one with `issuer figures budget` first; nothing was published
figures-budget-spent = the privacy budget of department { $department } for { $period } does not allow ε = { $epsilon } (ε left: { $left }); nothing was published
figures-release-not-found = figures release { $id } of { $period }
cli-figures-released = figures of { $period } released (ε = { $epsilon }) at { $path }
cli-figures-budget-set = privacy budget of department { $department } for { $period }: ε = { $epsilon }
