# Command-line help of `wallet-cli` (descriptions, argument help, value names), checked against
# the doc comments clap derives it from: English is clap's own text, French is shown with --lang fr.
# Ids: about[-SUBCOMMAND…], arg-[SUBCOMMAND…]--ARG (arg-any--ARG for every subcommand), after[-…], value-NAME.

about = Your credentials / Vos attestations
about-backup = Write the whole wallet (still encrypted) to one file
about-delete = Delete a stored credential
about-did = Print your DID
about-export = Print a stored credential exactly as received
about-import = Check a credential file (JSON or JWT) and store it
about-init = Create your wallet: a new key (did:key, or did:jwk) and an encrypted store
about-list = List your credentials
about-present = Sign a presentation of stored credentials for a verifier's challenge and domain, or answer a verifier's OpenID4VP request (--request)
about-receive = Receive a credential from an OpenID4VCI offer (openid-credential-offer://…), check it and store it
about-restore = Recreate a wallet from a backup, in an empty wallet directory
about-show = Show a stored credential (by id) or a credential file, in your language
after =
    Exit codes:
      0  done
      1  the credential does not verify
      2  usage or input error
      3  wallet cannot be opened (none, wrong passphrase, damaged)
      4  the credential is kept, but not verified yet (its issuer could not be reached)

    The passphrase is asked for, or read from WALLET_PASSPHRASE.
arg--lang = Language: en or fr (default: from LANG)
arg--wallet = Wallet directory (default: WALLET_DIR, else the platform data directory)
arg-any--did_documents = Use this DID document (JSON file) instead of resolving its DID
arg-any--hosts = Fetch from BASE_URL what is published on HOST (HOST=BASE_URL); implies --online
arg-any--id = A wallet id (or its first characters), or a credential id
arg-any--online = Resolve did:web issuers and read status lists over HTTPS
arg-backup--file = The backup file to write
arg-export--out = Write to this file instead of standard output
arg-import--file = The credential file (JSON or JWT)
arg-import--force = Keep it even though it is about someone else (its subject is not your DID)
arg-init--did_method = key or jwk
arg-list--issuer = Only credentials whose issuer name or DID contains this
arg-list--json = Print the list as JSON
arg-list--kind = Only this kind (skill, assignment, or a credential type)
arg-list--skill = Only credentials naming this skill (key, e.g. api_design)
arg-list--trust = The issuers you trust: a registry file as for `verifier --trust` (TOML)
arg-present--challenge = The verifier's challenge (with ids)
arg-present--credentials = With --request: the credential to send (repeat for several); by default the ones that match, when there is no choice to make
arg-present--disclose = For an SD-JWT credential: the claims to show, e.g. skills.api_design,team (the others stay hidden). Without it, a terminal asks claim by claim; a script shows none
arg-present--domain = The verifier's domain (with ids)
arg-present--format = ldp_vp (Data Integrity, eddsa-rdfc-2022) or jwt_vp (vp+jwt)
arg-present--ids = Stored credentials to present (with --challenge and --domain)
arg-present--out = Write the presentation to this file instead of standard output (without --request)
arg-present--request = Answer this OpenID4VP request: the openid4vp:// link (or the https request URL) the verifier showed you
arg-present--yes = With --request: send without asking (for scripts)
arg-receive--offer = The credential offer: an openid-credential-offer://?… link (or the offer JSON)
arg-receive--pin = The transaction code (PIN) your department sent you, when the offer asks for one
arg-restore--file = The backup file to read
arg-show--credential = A wallet id (or its first characters), a credential id, or a file
arg-show--json = Print the credential's JSON instead
arg-show--trust = The issuers you trust: a registry file as for `verifier --trust` (TOML)
value-CHALLENGE = CHALLENGE
value-CREDENTIAL = CREDENTIAL
value-DID_METHOD = DID_METHOD
value-DIR = DIR
value-DISCLOSE = DISCLOSE
value-DOMAIN = DOMAIN
value-DURATION = DURATION
value-FILE = FILE
value-FORMAT = FORMAT
value-HOST--BASE_URL = HOST=BASE_URL
value-ID = ID
value-IDS = IDS
value-ISSUER = ISSUER
value-KIND = KIND
value-LANG = LANG
value-OFFER = OFFER
value-OUT = OUT
value-PIN = PIN
value-REQUEST = REQUEST
value-SKILL = SKILL
about-profile = Your profile as a manager would see it: skills by family, assignments newest first, each line's standing and when its status was last read
about-profile-note = Keep your own words about a skill or assignment credential of your profile (shown as yours, never as verified)
about-profile-export = Write your profile as a signed file to attach to an application: your skill and assignment credentials in one presentation signed by your wallet's key, for one employer's verifier and until a time (SD-JWT credentials are left out, and said)
about-profile-withdraw = Withdraw your profile from a verifier's talent directory: your wallet proves it holds the key your profile was published under, and the directory deletes it and everything derived from it
arg-list--refresh = Read the status lists of your credentials again online first, and record what they say
arg-list--refresh_hosts = With --refresh: fetch from BASE_URL what is published on HOST (HOST=BASE_URL)
arg-profile--json = Print the profile as JSON
arg-profile--refresh = Read the status lists of your credentials again online first, and record what they say
arg-profile--refresh_hosts = With --refresh: fetch from BASE_URL what is published on HOST (HOST=BASE_URL)
arg-profile--trust = The issuers you trust: a registry file as for `verifier --trust` (TOML)
arg-profile-export--force = With --out: replace the file when it exists
arg-profile-export--out = Write to this file (never half-written) instead of standard output
arg-profile-export--expires = How long the file stays valid: hours, days or weeks (12h, 30d, 2w), a year at most
arg-profile-export--audience = The employer's verifier, by host name (with :port when its address has one), e.g. jobs.example: only it accepts the file
arg-profile-note--clear = Remove your words about it
arg-profile-note--en = Your words in English (500 characters at most)
arg-profile-note--fr = Your words in French (500 characters at most)
arg-profile-withdraw--directory = The directory's address (the verifier's), e.g. https://verifier.example
value-TEXT = TEXT
value-URL = URL
