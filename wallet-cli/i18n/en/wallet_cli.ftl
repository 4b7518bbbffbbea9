# Messages of the wallet (wallet-cli). Command-line help and usage are not here: they come from
# clap's doc comments (and i18n/*/wallet_cli_help.ftl for French).

# Why the wallet command failed (src/cli/run.rs): printed after the program's name.
failure = wallet: { $message }
error-with-code = { $message } [{ $code }]

# The passphrase (src/cli/prompt.rs). The prompts end with a space: the answer is typed after it.
prompt-passphrase = Passphrase:{" "}
prompt-again = Again:{" "}
passphrase-unreadable = cannot read the passphrase (set WALLET_PASSPHRASE without a terminal): { $reason }
passphrase-empty = the passphrase is empty
passphrase-differ = the passphrases differ

# Files and checking options named on the command line (src/cli/files.rs, src/cli/checking.rs).
file-unreadable = cannot read { $path }: { $reason }
file-unwritable = cannot write { $path }: { $reason }
host-pair-invalid = `{ $pair }`: expected HOST=BASE_URL
host-url-invalid = `{ $url }`: { $reason }
did-document-invalid = { $path }: invalid DID document: { $reason }

# Checking a credential before it is stored or shown (src/cli/checking.rs, src/cli/receiving.rs).
not-a-credential = this is a presentation, not a credential
check-failed = { $check }: { $message } [{ $code }]
receive-not-bound = the credential received is not bound to your key
# wallet import of a credential already kept, or about someone else (src/cli/receiving.rs).
import-already-kept = This credential is already in your wallet as { $id }: it is kept once.
import-someone-else = not imported: this credential is about { $subjects }, not about you ({ $did }); it was issued to another person, who alone can present it. Add --force to keep it anyway.
receive-kept-aside =
    { $reason }
    The credential the issuer sent is kept aside, not in your list: give the same offer link again to check it again.
# A credential the issuer sent whose issuer could not be reached to check it: kept, not lost.
receive-kept-not-verified =
    Kept as { $id }, but not verified yet: { $reason }
    The issuer has issued it, so your wallet keeps it rather than lose it. `wallet show { $id }` checks it again when its issuer can be reached.

# wallet init, delete, backup, restore (src/cli/keeping.rs).
init-created = Wallet created in { $dir }
deleted = Deleted { $id }
backup-written = { $count ->
    [one] { $count } credential written to { $file } (encrypted)
   *[other] { $count } credentials written to { $file } (encrypted)
}
restore-done = { $count ->
    [one] { $count } credential restored into { $dir }
   *[other] { $count } credentials restored into { $dir }
}
restore-unreadable-entries = { $count } entries cannot be read

# wallet present, without --request (src/cli/presenting.rs).
present-sd-jwt-alone = an SD-JWT credential is presented on its own: give only its id
present-disclose-not-sd-jwt = --disclose applies to SD-JWT credentials; these credentials show all their claims
disclose-none-in-script = Only the claims that are always shown are presented (choose others with --disclose).
# Asked under each claim's label; the answer is typed after the space.
disclose-ask = Show this? [y/N]{" "}

# wallet present --request (src/cli/answering.rs).
request-not-sent-without-terminal = not sent: add --yes to answer without being asked
request-choose-intro = Choose what to send (Enter keeps it, n leaves it out):
request-keep-credential = Send [{ $query }] { $id } { $title }? [Y/n]{" "}
request-keep-claim = {"  "}Show “{ $claim }” ({ $value })? [Y/n]{" "}
request-choice-insufficient = not sent: what you kept no longer answers the request ({ $reason }); run it again and keep more
request-send-ask = Send? [y/N]{" "}
request-declined = Declined: nothing was sent.
request-expired = not sent: the request expired while you were deciding; ask the verifier for a new one
request-sent = Sent; the verifier checks it (its outcome goes to whoever asked you).
# The verifier refused the answer (a 4xx): its reason, in the reader's language.
request-refused = The verifier refused your presentation: { $reason }

# wallet list (src/cli/listing.rs, src/domain/listing.rs): column titles, the words of the type and status columns, the count.
list-column-id = id
list-column-type = type
list-column-issued = issued
list-column-status = status
list-column-checked = status read
list-checked-never = never
list-column-credential = credential
list-column-issuer = issuer
list-kind-skill = skill
list-kind-assignment = assignment
list-kind-credential = credential
list-status-active = active
list-status-revoked = revoked
list-status-suspended = suspended
list-status-none = no status
list-status-not-checked = not checked
list-status-not-yet-verified = not verified yet
list-count = { $count ->
    [one] { $count } credential
   *[other] { $count } credentials
}
list-damaged = damaged entry { $id }: { $reason }
list-unreadable = stored, but not readable as a credential
# A credential signed by an issuer the person has not said they trust: the name is its own.
list-issuer-untrusted = { $name } (its own name: an issuer you have not said you trust)
list-not-yours = { $title } (not issued to you)
list-no-trust = You have not said which issuers you trust: `--trust FILE` (or WALLET_TRUST) names them, in the registry format of `verifier --trust`.
# Unreadable trust list (src/domain/trust.rs).

# wallet show (src/cli/show.rs).
show-check-failed = ✗ { $check }: { $message }
show-does-not-verify = This credential does not verify offline: do not rely on what it says below.
show-field = { $label }: { $value }
show-not-described = (not a skill or assignment credential)
show-verified = ✓ verifies (offline)
show-verified-online = ✓ verifies
show-untrusted = Signed by an issuer you have not said you trust: it calls itself “{ $name }” ({ $did }). A signature says only that its key signed; `--trust FILE` names the issuers you trust.
show-not-yours = Not issued to you: it is about { $subjects }, not about you ({ $did }); only they can present it.
show-unreachable = Its issuer could not be reached to check it again ({ $reason }): checked offline instead.
show-verified-kept = ✓ verifies offline, with its issuer's DID document as your wallet read it on { $date }
show-not-redone-offline = Not checked again offline: whether it has been revoked since, and whether its issuer has published a newer DID document (`wallet show --online` checks both).
show-cannot-check-offline =
    This credential cannot be checked offline: { $reason }
    Its issuer's DID document is not in your wallet: `wallet show --online` checks it. Its claims are shown below, unchecked.
show-verified-now = ✓ verified now: it is no longer marked "not verified yet".
show-not-yet-verified =
    Not verified yet: { $reason }
    It is shown below as received: do not rely on it until it verifies (`wallet show` tries again).

# What wallet list shows for a credential without a name (src/domain/summary.rs).
summary-untitled = (untitled)

# The encrypted store (src/domain/store.rs).
store-no-wallet = no wallet in { $dir }: run `wallet init` first
store-exists = a wallet already exists in { $dir }
store-wrong-passphrase = wrong passphrase (or the wallet header was altered)
store-io = { $path }: { $reason }
store-damaged = { $path } is damaged: { $reason }
store-not-found = no credential `{ $id }` in the wallet
store-ambiguous = `{ $id }` matches several credentials: give more characters of the id
store-stored-twice = the credential `{ $id }` is stored more than once: choose one by the wallet's id (first column of `wallet list`)
did-method-unknown = `{ $value }`: use key or jwk

# Why a store file is damaged (src/domain/store.rs). The reason of not-base64 is the decoder's own.
damage-not-base64 = { $reason }
damage-unknown-format = unknown format `{ $format }`
damage-key-derivation-parameters = key derivation parameters out of range
damage-holder-key-mismatch = the holder key does not match its DID
damage-cannot-decrypt = cannot be decrypted: the file was altered or damaged
damage-not-a-backup = not a wallet backup
damage-bad-entry-id = bad entry id `{ $id }`

# Presentations (src/domain/present.rs, src/cli/args.rs).
format-unknown = `{ $value }`: use ldp_vp or jwt_vp
presentation-sd-jwt-alone = an SD-JWT credential is presented on its own, with the claims chosen

# Talking to an issuer or a verifier (src/domain/exchange_error.rs): who, and which step of the exchange.
party-issuer = the issuer
party-verifier = the verifier
step-offer = offer
step-issuer-metadata = issuer metadata
step-authorization-server-metadata = authorization server metadata
step-token = token
step-nonce = nonce
step-credential = credential
step-request = request
step-answer = answer
step-challenge = challenge
step-withdraw = withdrawal
exchange-not-https = { $url }: only https URLs are used (http only on this machine)
exchange-not-a-url = `{ $url }` is not a URL: { $reason }
exchange-answer-not-json = the answer of { $party } ({ $step }) is not JSON
exchange-refused = { $party } refused ({ $step }): { $reason }
# The French reason when the party gave its reason in English only (English shows that reason).
exchange-reason-in-english = HTTP { $code } (reason given: “{ $reason }”)
exchange-unreachable = cannot reach { $party } ({ $step }): { $reason }
# Why a party could not be reached, in French (English shows the HTTP library's own words).
transport-dns = host not found
transport-connection-failed = cannot connect
transport-io = connection interrupted or timed out
transport-redirect = redirect refused
transport-invalid-url = invalid URL
transport-https-required = https required
transport-bad-response = invalid HTTP response
transport-other = network error
# Where a JSON document stopped being JSON, in French (English shows the parser's own words).
json-position = line { $line }, column { $column }

# Receiving a credential offer, OpenID4VCI (src/domain/oid4vci.rs).
receive-offer-not-json = the offer is not JSON: { $reason }
receive-not-an-offer = not a credential offer (openid-credential-offer://?…)
receive-offer-empty = the offer has neither credential_offer nor credential_offer_uri
receive-no-issuer = the offer names no credential_issuer
receive-no-configuration = the offer names no credential configuration
receive-no-pre-authorized-code = the offer has no pre-authorized code
receive-pin-required = this offer needs the transaction code your department sent you: add --pin
receive-other-issuer = the issuer metadata names another issuer
receive-metadata-missing = the issuer metadata has no { $name }
receive-no-token-endpoint = the authorization server has no token_endpoint
receive-no-access-token = the token answer has no access_token
receive-no-c-nonce = the nonce answer has no c_nonce
receive-key-proof = cannot sign the key proof: { $reason }
receive-no-credential = the issuer sent no credential
# The same offer link given again (src/domain/oid4vci.rs, src/domain/receiving.rs).
receive-already-received = this offer was already used: its credential is in your wallet as { $id }
receive-already-used = this offer was already used: your wallet traded its code on { $at } but did not get the credential, and the issuer no longer accepts it ({ $reason }); ask your department for a new offer

# Answering a verifier's request, OpenID4VP (src/domain/oid4vp.rs, src/cli/answering.rs).
request-unreadable = the request is unreadable or too large
request-not-text = the request is not text
answer-several =
    several of your credentials answer `{ $query }`: choose one with --credential ID
    { $list }
answer-not-asked = the credential { $id } does not answer anything this verifier asks for
answer-impossible = your wallet cannot answer this request: { $reason }
answer-signing-failed = cannot sign the presentation: { $reason }
# What the person reads before agreeing to send.
request-purpose = What it says the answer is for (its own words): “{ $purpose }”
request-who =
    The verifier { $did }
    (it calls itself “{ $name }”) asks for:
request-or = {" "}or{" "}
request-would-send = Your wallet would send:
request-destination = to { $host } (request valid until { $expires }).

# wallet profile (src/cli/profile.rs, src/domain/profile.rs): the person's profile as a manager would see it.
profile-title = Your profile, as a manager would see it ({ $did })
profile-empty = No skill or assignment credential in your wallet yet.
profile-skills = Skills, by family
profile-family-other = Other skills
profile-skill = { $name }: { $level }, { $issuers ->
    [one] attested by { $issuers } issuer
   *[other] attested by { $issuers } distinct issuers
}
profile-skill-unattested = { $name }: no verified credential attests it
profile-level-none = level not given
profile-assignments = Assignments, newest first
profile-assignment = { $start } → { $end }  { $role } ({ $place })
profile-current = current
profile-skills-used = Skills used: { $skills }
# One credential's line: its standing, its issuer, when its status was read, its wallet id.
profile-line = { $mark } { $standing }; { $issuer }; { $checked } [{ $id }]
profile-own-words = Your own words (not verified): “{ $text }”
profile-own-words-in = Your own words, in { $language ->
    [fr] French
   *[en] English
} (not verified): “{ $text }”
profile-others = { $count ->
    [one] { $count } other credential is not part of a profile (`wallet list` shows it).
   *[other] { $count } other credentials are not part of a profile (`wallet list` shows them).
}
standing-verified = verified at receipt
standing-not-yet-verified = not verified yet
standing-revoked = revoked
standing-suspended = suspended
standing-expired = expired
standing-not-yours = not issued to you
standing-untrusted = by an issuer you have not said you trust
# When a credential's status was last read online (src/cli/refreshing.rs): wallet show, wallet profile.
status-checked-at = status checked { $at }
status-never-checked = status never checked online (`--refresh` reads it)
status-none = no status to check
refresh-done = Status lists read again online: { $count ->
    [one] { $count } credential
   *[other] { $count } credentials
}{ $unread ->
    [0] {""}
   *[other] ; { $unread } could not be read now (their last known status is kept)
}.
# wallet profile note (src/cli/profile.rs, src/domain/own_words.rs).
note-saved = Your words are kept with { $id }: `wallet profile` shows them as your own, never as verified.
note-cleared = Your words about { $id } are removed.
note-not-in-profile = { $id } is neither a skill nor an assignment credential: only those are in your profile
note-empty = give your words with --en TEXT, --fr TEXT or both (or --clear to remove them)
note-too-long = your words in { $language } have { $chars } characters; { $max } at most
note-control = your words in { $language } hold a control character: plain text only

# wallet profile withdraw --directory URL (src/cli/profile.rs, src/domain/directory.rs).
withdraw-not-a-url = `{ $url }` is not a directory address: give the verifier's https address, e.g. https://verifier.example (plain http only on this machine)
withdraw-done = Your profile is withdrawn from the talent directory at { $directory } (publication { $id }): it and everything derived from it are deleted.
withdraw-nothing = Nothing is published under your key ({ $did }) in the talent directory at { $directory }: there is nothing to withdraw.
withdraw-refused = The talent directory at { $directory } refused to withdraw your profile: { $reason }

# wallet profile export (src/cli/profile.rs, src/domain/profile_file.rs).
lifetime-invalid = `{ $value }` is not a lifetime: give a whole number and a unit, h (hours), d (days) or w (weeks), e.g. 30d
lifetime-zero = a profile file must stay valid for some time: give more than { $value } (e.g. 30d)
lifetime-too-long = `{ $value }` is more than a year: a profile file stays valid for a year at most (365d or 52w)
audience-invalid = `{ $value }` is not a domain: give the host name of the employer's verifier, e.g. jobs.example (with :port when its address has one)
export-done = Your profile file for { $audience } holds { $count ->
    [one] { $count } credential
   *[other] { $count } credentials
}, signed with your wallet's key; it is valid until { $expires }.
export-written = Written to { $path }.
export-sd-jwt-left-out = { $count ->
    [one] { $count } SD-JWT credential is
   *[other] { $count } SD-JWT credentials are
} left out ({ $ids }): a profile file shows every claim of what it holds, and an SD-JWT credential is shown claim by claim to one verifier at a time (wallet present ID --disclose …).
export-empty = your profile holds no skill or assignment credential a profile file can carry: nothing was written
export-exists = { $path } exists: choose another file, or replace it with --force
withdraw-unreachable-next = Nothing was withdrawn: if your profile is listed in the talent directory at { $directory }, it still is. Run the same command again later; if the directory stays unreachable, ask the employer who runs it to delete your profile.
