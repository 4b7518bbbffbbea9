# Command-line help of `verifier` (descriptions, argument help, value names), checked against
# the doc comments clap derives it from: English is clap's own text, French is shown with --lang fr.
# Ids: about[-SUBCOMMAND…], arg-[SUBCOMMAND…]--ARG (arg-any--ARG for every subcommand), after[-…], value-NAME.

about = Verify credentials and presentations
about-serve = Run the verification service (W3C CCG VC-API: /credentials/verify, /presentations/verify, /challenges)
about-trust = Inspect and edit the trusted-issuer registry
about-trust-add = Add a trusted issuer (the file is checked as a whole before it is written)
about-trust-check = Is this DID trusted for this credential type now? Exit 0 yes, 1 no
about-trust-list = List the trusted issuers
about-verify = Verify credentials, presentations or JWTs in files or directories (offline by default)
after =
    Exit codes:
      0  all valid
      1  at least one invalid
      2  usage or input error
      3  all signed, but at least one by an issuer you have not said you trust (no --trust registry)
after-verify =
    Exit codes:
      0  all valid
      1  at least one invalid
      2  usage or input error
      3  all signed, but at least one by an issuer you have not said you trust (no --trust registry)
arg--lang = Language of messages and reports: en or fr (default: from LANG)
arg-any--registry = Trusted-issuer registry file (TOML)
arg-serve--api_token = A bearer token that may create and read presentation requests, besides those of `verifier token create`; without either, one is made at first start and shown once
arg-serve--did_web_hosts = Fetch DID documents and status lists of HOST from BASE_URL (HOST=BASE_URL); did:web and status lists are always read online by the service
arg-serve--json_logs = Logs as JSON lines (one per request: method, route, status, duration; no personal data). The level comes from VERIFIER_LOG (default info)
arg-serve--key = Key file that signs OpenID4VP requests (its did:key names this verifier to wallets); created when missing. Without it, the key kept sealed in the database (made on first start; `verifier key rotate` replaces it)
arg-serve--listen = Address to listen on
arg-serve--name = The name wallets show for this verifier (self-declared, next to its DID)
arg-serve--name_blind = Show every talent profile and answer without the person's name or identifiers until a manager presses "reveal" (recorded); without it, a request may ask for this itself
arg-serve--name_fr = The name wallets show for this verifier, in French
arg-serve--public_url = URL where wallets reach this service (OpenID4VP request_uri and response_uri); default http://LISTEN
arg-serve--rate_limit = Requests per second allowed per client address (429 beyond); unlimited by default
arg-serve--require_status = Answer 503 when a status list cannot be read (default: 400 with verified false and a warning)
arg-serve--status_cache = Longest time a status list is reused, in seconds
arg-serve--tls_cert = Serve HTTPS with this PEM certificate chain (with --tls-key), for deployments without a reverse proxy
arg-serve--tls_key = The PEM private key of --tls-cert
arg-serve--trust = Trusted-issuer registry (TOML), read again when it changes
arg-trust-add--did = The issuer's DID, or did:web:HOST for every DID on that host
arg-trust-add--from = Trusted from this time (RFC 3339); no start by default
arg-trust-add--name = The issuer's name in English
arg-trust-add--name_fr = The issuer's name in French
arg-trust-add--types = Credential types, comma-separated (e.g. SkillCredential,AssignmentCredential), or *
arg-trust-add--until = Trusted until this time (RFC 3339); without end by default
arg-trust-check--did = The DID to check
arg-trust-check--kind = The credential type (e.g. SkillCredential)
arg-verify--at = Check validity as of this time (RFC 3339) instead of now
arg-verify--challenge = Challenge a presentation must answer
arg-verify--contexts = Add a JSON-LD context to the bundled set (URL=FILE); contexts are never fetched
arg-verify--did_documents = Use this DID document (JSON file) for its DID instead of resolving it
arg-verify--did_web_hosts = Fetch the DID documents of did:web host HOST from BASE_URL instead (HOST=BASE_URL); implies --online
arg-verify--domain = Domain (audience) a presentation must be bound to; a presentation made for one (a talent profile file) is refused without it
arg-verify--json = Print the reports as JSON
arg-verify--online = Resolve did:web issuers over HTTPS (private, loopback and link-local addresses are refused)
arg-verify--paths = Files or directories (searched for *.json, *.jsonld, *.jwt); `-` reads standard input
arg-verify--require_status = Fail a credential whose status list cannot be downloaded (default: report "unknown")
arg-verify--status_cache = Longest time a downloaded status list is used before asking again, in seconds (the issuer's ttl and Cache-Control apply when shorter)
arg-verify--status_lists = Use this status list credential (file) for URL instead of downloading it (URL=FILE); checks status without network access
arg-verify--threads = Worker threads (default: one per core)
arg-verify--trust = Trusted-issuer registry (TOML): each credential's issuer must be trusted for its type
arg-verify--verbose = Print every check of every file, not only failures
value-API_TOKEN = API_TOKEN
value-CHALLENGE = CHALLENGE
value-DAYS = DAYS
value-DID = DID
value-DOMAIN = DOMAIN
value-FILE = FILE
value-FROM = FROM
value-HOST--BASE_URL = HOST=BASE_URL
value-KIND = KIND
value-LANG = LANG
value-LISTEN = LISTEN
value-NAME = NAME
value-NAME_FR = NAME_FR
value-PATHS = PATHS
value-PER_SECOND = PER_SECOND
value-PUBLIC_URL = PUBLIC_URL
value-SECONDS = SECONDS
value-THREADS = THREADS
value-TIME = TIME
value-TYPES = TYPES
value-UNTIL = UNTIL
value-URL--FILE = URL=FILE
about-token = Create, list and revoke the service's API tokens (in its database, hashed)
about-token-create = Create an API token; it is printed once, and only its hash is kept
about-token-list = List the tokens (never their secrets)
about-token-revoke = Revoke a token by its id
about-key = Rotate the key that signs the service's presentation requests
about-key-rotate = Make a new request-signing key current (requests already signed keep verifying)
about-requests = List the presentation requests still open
about-requests-list = List the open presentation requests: id, who created it, when it expires, failed answers
arg-any--data_dir = Directory of the embedded SQLite database and of the master key, created on first start
arg-any--database_url = PostgreSQL URL (postgres://…) of a database of the verifier's own, which several replicas share; without it, the SQLite database in --data-dir
arg-any--master_key_file = File holding the master key (base64) that seals the request-signing key in the database; default DIR/master.key, created when missing. VERIFIER_MASTER_KEY may give the key itself
arg-serve--directory_days = How long a profile stays in the talent directory once its holder publishes it, in days
arg-serve--max_failed_answers = Failed answers after which a presentation request is closed as failed
arg-serve--max_open_requests = Open presentation requests allowed per API token (429 beyond)
arg-serve--outcome_retention = How long the outcome of a request stays readable, in seconds, before it is deleted (it holds personal data)
arg-serve--purge_every = How often expired requests and challenges are deleted, in seconds
arg-token-create--description = Who or what uses it (for the list)
arg-token-create--scopes = What it allows: request (create presentation requests), read (read their outcomes), directory (search the talent directory)
arg-token-revoke--id = The token's id (from token list)
value-DESCRIPTION = DESCRIPTION
value-DIR = DIR
value-ID = ID
value-N = N
value-SCOPE = SCOPE
value-URL = URL
about-figures = Skills-ecosystem figures released by departments with differential privacy
about-figures-combine = Fetch figures releases, verify each (signature, trust registry) and write their sum
arg-figures-combine--sources = Releases: URLs (https://…) or files
arg-figures-combine--out = Directory the combined figures are written to (CSV per table, JSON, metadata)
arg-figures-combine--trust = Trusted-issuer registry (TOML); without it every release is untrusted
arg-figures-combine--include_untrusted = Combine releases of issuers the registry does not vouch for too (they are still reported)
arg-figures-combine--online = Resolve did:web issuers over the network
arg-figures-combine--did_web_hosts = Fetch a did:web host (and releases on it) from another base URL (HOST=BASE_URL)
arg-figures-combine--did_documents = A DID document to resolve an issuer with, offline
arg-serve--figures = Show the skills-ecosystem figures `verifier figures combine` wrote to this directory on the page /figures
about-figures-budget = Set the total privacy loss (ε) this verifier's demand releases may spend for a quarter
about-figures-release = Count the skills this verifier's requests asked for in a quarter, release them with OpenDP and print them signed
arg-figures-budget--period = The quarter, e.g. 2026Q4
arg-figures-budget--epsilon = Total ε of the quarter's releases
arg-figures-release--period = The quarter, e.g. 2026Q4
arg-figures-release--epsilon = ε this release spends from the quarter's budget
value-PERIOD = PERIOD
value-EPSILON = EPSILON
