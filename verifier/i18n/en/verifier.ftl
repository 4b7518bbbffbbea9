# Messages of the verifier: the service's problem bodies and answers, its web page, and the
# `verifier` command's output and errors (its --help lives with bilingual-cli).

# Problem bodies of the service (`detail`), service/mod: ServiceError.
problem-too-large = the request body is larger than the limit
problem-unavailable = { $what }: a dependency could not be reached and the policy requires it
problem-not-found = not found
problem-busy = too many { $what } are open; try again later
problem-unauthorized = a valid bearer token is required
problem-wrong-token = the access token is missing or is not this service's
problem-internal = an internal error occurred; it has been logged
problem-rate-limited = too many requests from this address: slow down

# What could not be reached, or what is full (the `what` of the problems above).
dependency-status-list = status list
dependency-verification-task = verification task: { $error }
busy-challenges = challenges

# Requests the service cannot read (service.rs).
# The body could not be read; `detail` is the web framework's own message.
request-body-unreadable = { $detail }
# `detail` is the JSON parser's own message; `line` and `column` where it stopped.
request-not-json = the body is not valid JSON: { $detail } at line { $line } column { $column }
document-url-not-utf8 = the enveloped document's data: URL does not decode to UTF-8
document-not-sd-jwt = the enveloped document is not an SD-JWT
document-not-jwt-url = the enveloped document is not a data: URL of a JWT
field-is-string = `{ $field }` must be a JSON object, not a string (a vc+jwt travels as an EnvelopedVerifiableCredential)
field-not-object = `{ $field }` must be a JSON object
field-missing = `{ $field }` is missing
credential-is-presentation = this is a presentation: use /presentations/verify
challenge-required = options.challenge is required: the one your presentation request gave the holder, or one from POST /challenges
require-status-option-not-boolean = options.requireStatus must be true or false
seconds-out-of-range = `{ $name }` must be a number of seconds (0 to { $max })
requests-not-answered = this verifier does not answer presentation requests
expires-in-zero = `expires_in` must be at least 1 second
require-status-field-not-boolean = `require_status` must be true or false

# Why a presentation's challenge was not accepted (an entry of `errors`).
challenge-expired = the challenge has expired
challenge-unknown-or-used = the challenge was not issued by this verifier, or was already used

# The outcome of a wallet's answer to a presentation request (service.rs: response_post, judge_answer).
answer-declined = the person declined to present (the wallet said: { $said })
answer-wallet-error = the wallet answered: { $said }
answer-vp-token-missing = the answer has no vp_token
answer-status-unavailable = { $what }: could not be read and the policy requires it
answer-not-checked = the presentation could not be checked
answer-holder-unknown = the presenter is unknown
answer-holders-differ = the presentations are signed by different holders
answer-presentation-empty = the presentation for `{ $id }` carries no credential
answer-credential-unreadable = the presentation for `{ $id }` carries something that is not a readable credential

# Refusals of a wallet's fetch or answer (oid4vp.rs: Refusal).
refusal-unknown = no such presentation request
refusal-expired = the presentation request has expired
refusal-answered = the presentation request was already answered
refusal-full = too many open presentation requests: try again later
refusal-state-mismatch = the state does not match the request
vp-token-not-json = vp_token is not JSON: { $detail } at line { $line } column { $column }
vp-token-not-object = vp_token must be a JSON object keyed by credential query id
vp-token-not-array = vp_token.{ $id } must be a non-empty array of presentations
vp-token-holds-credential = vp_token.{ $id } holds a credential, not a presentation signed by its holder
vp-token-holds-other = vp_token.{ $id } holds something that is not a presentation
vp-token-too-many = more than { $max } presentations

# For the operator of `verifier serve` (service.rs).
serve-listening = verifier listening on { $url }
trust-registry-kept = keeping the previous trust registry

# The trusted-issuer registry (trust.rs).
# `detail` is the TOML parser's own message.

# Usage errors of `verifier verify` (run.rs).
usage-unreadable = cannot read { $path }: { $reason }
usage-bad-pair = `{ $value }` is not of the form { $expected }
usage-bad-url = `{ $url }` is not a URL
not-a-time = `{ $time }` is not an RFC 3339 date and time
usage-bad-did-document = DID document { $path } is invalid: { $reason }
usage-bad-context = context file { $path } is invalid: { $reason }
# `detail` is the UTF-8 decoder's own message.
context-not-utf8 = { $detail }
usage-nothing-found = no credential files found in { $directory }
usage-threads = cannot start worker threads: { $detail }
usage-output = cannot write the report: { $reason }
# The placeholders of forms such as HOST=BASE_URL.
placeholder-file = FILE
placeholder-host = HOST
placeholder-base-url = BASE_URL

# The `verifier` command's own errors and output (cli.rs).
program-error = verifier: error: { $detail }
cli-unwritable = cannot write { $path }: { $reason }
cli-host-pair = `{ $pair }`: expected { $expected }
cli-bad-url = `{ $url }`: { $detail }
cli-listen-not-url = --listen { $listen }: { $detail }
cli-public-url-not-https = --public-url { $url }: wallets only answer over https (plain http only on this machine)
cli-api-token-made = No --api-token: presentation requests need this bearer token (shown once)
# Which name this verifier signs its requests with (the same words in both languages for now).
cli-client-id = verifier: OpenID4VP client_id { $client_id }
cli-runtime = cannot start the runtime: { $reason }
cli-service-stopped = the service stopped: { $reason }
trust-check-trusted = trusted ({ $name })
trust-check-not-trusted = not trusted for this type

# The report of `verifier verify` (render.rs).
report-valid = VALID
report-invalid = INVALID
# A credential whose signature checks out, by an issuer no trust registry names (no --trust):
# never called valid; `name` is the issuer's name as the credential gives it.
report-signed-by-stranger = signed, but by an issuer you have not said you trust; the name it gives itself is “{ $name }”
report-signed-by-stranger-nameless = signed, but by an issuer you have not said you trust; it gives itself no name
report-holds-stranger = signed, but it holds a credential by an issuer you have not said you trust
report-self-declared = { $value } (the name it gives itself)
report-format = format: { $format }
report-issuer = issuer: { $issuer }
report-holder = holder: { $holder }
report-disclosed = disclosed claims: { $claims }
report-disclosed-none = none
report-field = { $label }: { $value }
report-check-with-code = { $label }: { $reason } [{ $code }]
report-check-with-reason = { $label }: { $reason }
report-check-not-applicable = { $label }: not applicable
report-status = { $purpose }: { $state } ({ $list } #{ $index })
report-status-purpose = { $purpose }
report-status-state =
    { $state ->
        [active] active
        [revoked] revoked
        [suspended] suspended
        [set] set
        [unknown] unknown
       *[other] invalid list
    }
report-credential-heading = credential { $number }:
report-unreadable = UNREADABLE: { $reason } [{ $code }]
report-summary = { $checked } checked: { $valid } valid, { $invalid } invalid, { $unreadable } unreadable, { $untrusted } signed by an issuer you have not said you trust

# The web page (service/web.rs): its frame.
page-brand = Talent Credentials verifier
page-skip = Skip to main content
page-language = Language
# The name of the other language, in that language, for the toggle.
page-other-language = Français
page-footer = Checked on this server with the issuers' public keys and status lists; nothing you paste is stored.
page-back = Back to the start
# Between a check's name and its outcome.
label-separator = {": "}

# The page's forms.
home-title = Check a credential
check-heading = Check a credential you received
check-document-label = Credential (JSON, vc+jwt or SD-JWT)
check-document-help = Paste it here, or drop a file on this box. It is checked and then forgotten.
check-file-label = Or choose a file
check-submit = Check
ask-heading = Ask a person for a credential
ask-kind-legend = What do you need?
ask-kind-skill = A skill credential for this skill
ask-kind-assignment = An assignment credential where this skill was used
ask-skill-label = Skill
ask-token-label = Access token of this service
ask-submit = Create the request
ask-unknown-skill = unknown skill
ask-unknown-kind = unknown kind of credential
# `detail` is the web framework's own message.
form-unreadable = the form cannot be read: { $detail }
error-title = This did not work

# The result of a pasted credential.
result-title = Result
result-valid = Result: valid
result-not-valid = Result: not valid
result-signed-by-stranger = Result: signed, but by an issuer you have not said you trust
result-not-checked = This could not be checked
result-presentation-pasted = this is a presentation: a presentation is checked when it answers a request (Ask a person for a credential), not pasted; only a talent profile file made for this service (wallet profile export) is shown pasted
result-unavailable = { $what }: could not be read
result-check-failed = the check failed
report-credential-valid = Credential valid
report-credential-not-valid = Credential not valid
report-presentation-valid = Presentation valid
report-presentation-not-valid = Presentation not valid
report-credential-signed-by-stranger = Credential signed, but by an issuer you have not said you trust
report-presentation-holds-stranger = Presentation signed, but it holds a credential by an issuer you have not said you trust
page-signed-by-stranger = Signed, but by an issuer you have not said you trust; the name it gives itself is “{ $name }”.
page-signed-by-stranger-nameless = Signed, but by an issuer you have not said you trust; it gives itself no name.
report-format-label = Format
report-issuer-label = Issuer
report-holder-label = Holder
report-disclosed-label = Claims the holder chose to show
report-disclosed-none-beyond = none beyond those always shown
outcome-passed = passed
outcome-failed = failed: { $reason } [{ $code }]
outcome-not-checked = not checked: { $reason }
outcome-undetermined = unknown: { $reason }
outcome-not-applicable = not applicable
outcome-unknown = unknown

# A request started from the page, and the answer.
ask-title = Ask for a credential
ask-show-code = Show this code to the person, or send them the link. Their wallet will show who asks and what for before they answer.
ask-qr-label = QR code of the request link
ask-open-in-wallet = Open the request in a wallet
ask-link-label = Request link
ask-check-now = Check for an answer now
ask-answer-arrived = The answer has arrived.
ask-waiting = Waiting for the person to answer…
ask-expired = This request expired before anyone answered.
answer-valid = The answer is valid.
answer-not-valid = The answer is not valid.
answer-signed-by-stranger = The answer is signed, but a credential in it is by an issuer you have not said you trust.
answer-presented-by = Presented by: { $holder }
answer-kind-label = Kind
answer-status-label = Status
answer-why = Why
# A status entry's state (the stable word of the JSON outcome).
page-status-state =
    { $state ->
        [active] active
        [revoked] revoked
        [suspended] suspended
        [unknown] unknown
        [invalid] invalid
        [set] set
       *[other] { $state }
    }

# The name wallets show for this verifier when `serve --name` / `--name-fr` are not given.
verifier-default-name = Verifier

# POST /presentations/verify with an options.requireHolderBinding that is not a boolean.
holder-binding-option-invalid = options.requireHolderBinding must be true or false

## The store (issue #22)
problem-store = the service's database cannot be reached; try again later
problem-too-many-open = this token already has { $limit } open presentation requests: wait for answers or for them to expire
problem-missing-scope = this token does not allow this: it needs the “{ $scope }” scope
store-database = database error: { $reason }
store-migration = the database could not be migrated: { $reason }
store-unreachable = the database server { $server } did not answer within { $seconds } s ({ $reason }): is PostgreSQL running there, and is the database URL right?
store-unsupported-url = unsupported database URL “{ $url }”: use sqlite://… or postgres://…
store-corrupt = a stored value cannot be read back: { $what }
problem-key-unusable = the request-signing key in the database cannot be used (is this the master key it was sealed with?): { $reason }
cli-data-dir = cannot create the data directory { $dir }: { $reason }
cli-store-failed = the database failed: { $reason }
cli-token-created = Token { $id } created ({ $scopes }). It is printed below once; only its hash is kept.
cli-token-live = live
cli-token-revoked = revoked
cli-token-unknown = no live token has the id { $id } (see verifier token list)
cli-token-revoked-now = Token { $id } revoked.
cli-key-rotated = New request-signing key: { $did }. Running replicas sign with it after their next start; requests already signed keep verifying.
cli-requests-none = No presentation request is open.

## The talent profile (issue #23)
profile-not-object = the field “profile” must be an object (skills, min_level, assignments)
profile-unknown-field = a profile request has no field “{ $field }” (skills, min_level, assignments)
profile-skills-not-strings = “profile.skills” must be a list of skill keys
profile-level-unknown = unknown level “{ $level }”: beginner, intermediate, advanced or expert
profile-assignments-not-boolean = “profile.assignments” must be true or false
profile-too-many-skills = a profile request names at most { $max } skills
profile-skill-unknown = “{ $skill }” is not a skill of the GC Digital Talent library
request-query-or-profile = send either “dcql_query” or “profile”, not both
line-reason-carrier = The answer that carried it failed as a whole: { $why }
line-reason-revoked = Its issuer has revoked it.
line-reason-suspended = Its issuer has suspended it for now.
line-reason-untrusted = Your trust registry does not name its issuer ({ $issuer }) for this kind of credential.
line-reason-status-unknown = Its status list could not be read, so it may have been revoked or suspended.
line-reason-not-kept = The answer was too large to keep this credential's details.
line-verdict =
    { $verdict ->
        [verified] Verified
        [revoked] Revoked
        [suspended] Suspended
        [expired] Expired
        [untrusted] Untrusted issuer
        [invalid] Not valid
       *[other] Not checkable
    }
line-issued-by = Issued by
line-not-in-registry = not in your trust registry
line-calls-itself = not in your trust registry (it calls itself “{ $name }”)
line-level = Level
line-evidence = Evidence
line-role = Role
line-team = Team
line-department = Department
line-dates = Dates
line-dates-range = { $start } to { $end }
line-dates-current = { $start } to now
line-skills-used = Skills used
line-skill = Skill
line-other = A credential of another kind
line-own-words = In their own words (not verified)
line-own-words-kind = The person's own words about their credentials
profile-title = Talent profile
profile-checked-at = Status checked at { $time } UTC.
profile-summary =
    { $total ->
        [one] { $verified } of 1 line verified.
       *[other] { $verified } of { $total } lines verified.
    }
profile-skills-heading = Skills
profile-assignments-heading = Assignments
profile-other-heading = Other credentials
profile-no-skills = No skill credential in this answer.
profile-no-assignments = No assignment credential in this answer.
profile-issuers =
    { $count ->
        [0] No verified issuer
        [one] One verified issuer
       *[other] { $count } independent verified issuers
    }
profile-pending = The person has not answered yet.
profile-last-failed = The last answer did not pass every check (see below); the person may answer again.
profile-json = This profile as JSON
profile-open = Open the talent profile
profile-ask-heading = Ask for a talent profile
profile-ask-help = The person chooses which of their skill and assignment credentials to share, in whichever format they hold them.
profile-search-label = Find skills by name
profile-search-submit = Find
profile-search-none = No skill matches “{ $query }”.
profile-search-found =
    { $count ->
        [one] One skill matches “{ $query }”.
       *[other] { $count } skills match “{ $query }”.
    }
profile-skills-label = Skills of interest (none chosen: every skill)
profile-skills-help = Skills are grouped by family. Hold Ctrl (⌘ on a Mac) to choose several.
profile-level-label = Minimum level
profile-level-any = Any level
profile-assignments-label = Also ask for assignments (career timeline)
profile-ask-submit = Ask for a talent profile
profile-blind-label = Name-blind first view: hide the person's name and identifiers until I reveal them
profile-blind-help = Screen on verified skills alone: the person's name, identifiers and evidence texts stay hidden until you press “Reveal”, which is recorded.
profile-check-again = Check again now
profile-check-again-help = Reads the status lists of these credentials again (each list at most once a minute) to find any revoked or suspended since.
blind-notice = Name-blind view: the person's name and identifiers, and the evidence texts that may name them, are hidden so that this first screening is on verified skills alone.
blind-reveal-help = Revealing is recorded, with the time, and cannot be undone.
blind-reveal = Reveal the person's name and identifiers
blind-revealed-at = Name and identifiers revealed at { $time } UTC.
blind-hidden-value = [hidden]
blind-evidence-hidden =
    { $count ->
        [one] One evidence text, hidden until you reveal the person (it may name them).
       *[other] { $count } evidence texts, hidden until you reveal the person (they may name them).
    }
blind-own-words-hidden =
    { $count ->
        [one] One text in the person's own words, hidden until you reveal the person (it may name them).
       *[other] { $count } texts in the person's own words, hidden until you reveal the person (they may name them).
    }
request-name-blind-not-boolean = the field “name_blind” must be true or false
ask-last-failed = The last answer did not pass the checks (why below). The person may try again with the same code or link.
skill-family-other = Other skills

## The talent directory (issue #23, item 6)
directory-consent = By sending this answer you publish your verified skills and assignments in the talent directory of { $name } for { $days } days: managers holding a directory access may find you by verified skill and read this profile. You may withdraw it at any time; it is deleted at once.
directory-publish-title = Publish my profile in the talent directory
directory-publish-show-code = Scan this code with your wallet, or open the link: your wallet shows the text above before anything is sent.
directory-withdraw-how = To withdraw your profile at any time: wallet profile withdraw --directory { $url } (it sends a presentation signed with the same wallet key, on a challenge from { $url }/challenges, to { $url }/directory/withdraw).
directory-family-unknown = unknown skill family: { $family }
directory-months-invalid = recent_months must be a whole number of months from 1 to 600
directory-challenge-not-ours = the challenge must come from POST /challenges of this verifier
directory-withdraw-not-verified = the presentation does not prove control of the holder key: { $reason }
directory-withdraw-no-holder = the presentation names no holder
directory-search-title = Search the talent directory
directory-search-intro = People listed here published their own verified profile. Results are ordered by how well their verified skills match, never by name.
directory-search-skill = Skill
directory-search-level = Minimum level
directory-search-recent = Assignment within the last months
directory-search-button = Search
directory-search-found = { $count ->
    [one] One profile found
   *[other] { $count } profiles found
}

# A talent profile file pasted on the page (src/domain/profile/file.rs, src/http/web/check.rs).
profile-file-not-shown = Profile file not shown
profile-file-refused = This profile file is refused: { $reason }.
profile-file-other-audience = it was made for { $audience }, not for this service ({ $ours }); ask the person for a file made for { $ours }
profile-file-expired = it expired at { $at }; ask the person for a new one
profile-file-no-identity = this service has no public address to check the file's audience against
profile-file-audience-checked = Profile file made for { $audience }: this service, checked.
profile-file-valid-until = The holder signed it until { $expires }; it is refused after.

# `verifier figures combine` (domain/figures.rs, cli/figures.rs).
figures-altered = the release does not verify (altered after signing?): { $reason }
figures-not-verified = the release does not verify
figures-not-a-release = not a FiguresCredential with figures
figures-unreadable = the release's figures cannot be read: { $detail }
figures-source-not-signer = the release names { $source } as its source but was signed by { $issuer }
figures-fetch-failed = cannot read { $source }: { $reason }
figures-combined = combined: { $source } ({ $period }, ε = { $epsilon })
figures-untrusted = untrusted, left out: { $source } (issuer { $issuer } is not in the trust registry for FiguresCredential)
figures-untrusted-included = untrusted, included as asked: { $source } (issuer { $issuer })
figures-refused = refused: { $source }: { $reason }
figures-written = combined figures written to { $dir }

# The figures page (http/web/figures_page.rs).
figures-page-title = Skills-ecosystem figures
figures-page-intro = Counts of persons, released by departments with differential privacy and added up here. Every count carries random noise that protects each person; a figure a department did not release was too small to show, not zero.
figures-page-empty = No figures to show yet: combine departments' releases with `verifier figures combine URL… --out DIR` and start the service with `--figures DIR`.
figures-chart-top-skills = Most certified skills
figures-chart-levels = Certified skills by level
figures-chart-families = Skills used in assignments, by skill family
figures-chart-quarters = Certified skills per quarter
figures-table-caption = The figures of the chart “{ $chart }”
figures-col-skill = Skill
figures-col-level = Level
figures-col-family = Skill family
figures-col-quarter = Quarter
figures-col-count = Persons (noisy count)
figures-sources-heading = Sources
figures-sources-caption = Each release read, with its period and privacy loss ε
figures-col-source = Source
figures-col-epsilon = ε
figures-col-status = Status
figures-status-combined = combined
figures-status-combined-untrusted = combined, though not in the trust registry
figures-status-untrusted-left-out = left out: not in the trust registry
figures-status-refused = refused: it does not verify
demand-no-budget = no privacy budget for { $period }: set one with `verifier figures budget` first; nothing was published
demand-budget-spent = the privacy budget for { $period } does not allow ε = { $epsilon } (ε left: { $left }); nothing was published
demand-sign-failed = the demand release could not be signed: { $detail }
demand-released = demand figures of { $period } released (ε = { $epsilon })
demand-budget-set = privacy budget for { $period }: ε = { $epsilon }
figures-chart-demand = Skills asked for in requests (demand)
figures-chart-flows = Credentials accepted between organizations (issuer → verifier)
figures-chart-accepted-skills = Skills of the credentials accepted in verified answers
figures-chart-supply-demand = Supply and demand per skill family
figures-supply-demand-legend = Upper bar (dark blue): persons certified in the family's skills (supply). Lower bar (brown): requests asking for its skills (demand). Each bar is drawn to the scale of its own row type; the table gives the numbers.
figures-col-requests = Requests (noisy count)
figures-col-answers = Verified answers (noisy count)
figures-col-flow = From issuer → to verifier
figures-col-supply = Persons certified (supply, noisy)
figures-col-demand = Requests asking (demand, noisy)
