# Messages du portefeuille (wallet-cli). L'aide de la ligne de commande n'est pas ici : elle vient
# des commentaires de documentation de clap (et de i18n/*/wallet_cli_help.ftl pour le français).

# Pourquoi la commande wallet a échoué (src/cli/run.rs) : affiché après le nom du programme.
failure = wallet : { $message }
error-with-code = { $message } [{ $code }]

# La phrase de passe (src/cli/prompt.rs). Les invites finissent par une espace : la réponse se tape après.
prompt-passphrase = Phrase de passe :{" "}
prompt-again = Encore :{" "}
passphrase-unreadable = lecture de la phrase de passe impossible (sans terminal, définissez WALLET_PASSPHRASE) : { $reason }
passphrase-empty = la phrase de passe est vide
passphrase-differ = les phrases de passe diffèrent

# Fichiers et options de vérification nommés sur la ligne de commande (src/cli/files.rs, src/cli/checking.rs).
file-unreadable = lecture impossible de { $path } : { $reason }
file-unwritable = écriture impossible de { $path } : { $reason }
host-pair-invalid = « { $pair } » : attendu HÔTE=URL_DE_BASE
host-url-invalid = « { $url } » n'est pas une URL valide : { $reason }
did-document-invalid = { $path } : document DID invalide : { $reason }

# Vérification d'une attestation avant de la conserver ou de l'afficher (src/cli/checking.rs, src/cli/receiving.rs).
not-a-credential = ceci est une présentation, pas une attestation
check-failed = { $check } : { $message } [{ $code }]
receive-not-bound = l'attestation reçue n'est pas liée à votre clé
# wallet import of a credential already kept, or about someone else (src/cli/receiving.rs).
import-already-kept = Cette attestation est déjà dans votre portefeuille sous { $id } : elle n'est gardée qu'une fois.
import-someone-else = non importée : cette attestation porte sur { $subjects }, pas sur vous ({ $did }) ; elle a été délivrée à une autre personne, qui seule peut la présenter. Ajoutez --force pour la garder quand même.
receive-kept-aside =
    { $reason }
    L'attestation envoyée par l'émetteur est gardée à part, hors de votre liste : donnez de nouveau le même lien d'offre pour la vérifier de nouveau.
# A credential the issuer sent whose issuer could not be reached to check it: kept, not lost.
receive-kept-not-verified =
    Gardée sous { $id }, mais pas encore vérifiée : { $reason }
    L'émetteur l'a émise : votre portefeuille la garde plutôt que de la perdre. `wallet show { $id }` la vérifie de nouveau quand son émetteur peut être joint.

# wallet init, delete, backup, restore (src/cli/keeping.rs).
init-created = Portefeuille créé dans { $dir }
deleted = Supprimée : { $id }
backup-written = { $count ->
    [one] { $count } attestation écrite dans { $file } (chiffrée)
   *[other] { $count } attestations écrites dans { $file } (chiffrées)
}
restore-done = { $count ->
    [one] { $count } attestation restaurée dans { $dir }
   *[other] { $count } attestations restaurées dans { $dir }
}
restore-unreadable-entries = { $count } entrée(s) illisible(s)

# wallet present, sans --request (src/cli/presenting.rs).
present-sd-jwt-alone = une attestation SD-JWT se présente seule : donnez seulement son identifiant
present-disclose-not-sd-jwt = --disclose s'applique aux attestations SD-JWT ; ces attestations montrent tous leurs éléments
disclose-none-in-script = Seuls les éléments toujours visibles sont présentés (choisissez-en d'autres avec --disclose).
# Demandé sous le libellé de chaque élément ; la réponse se tape après l'espace.
disclose-ask = Montrer cet élément ? [o/N]{" "}

# wallet present --request (src/cli/answering.rs).
request-not-sent-without-terminal = rien n'a été envoyé : ajoutez --yes pour répondre sans confirmation
request-choose-intro = Choisissez ce qui sera envoyé (Entrée le garde, n le retire) :
request-keep-credential = Envoyer [{ $query }] { $id } { $title } ? [O/n]{" "}
request-keep-claim = {"  "}Montrer « { $claim } » ({ $value }) ? [O/n]{" "}
request-choice-insufficient = non envoyé : ce que vous avez gardé ne répond plus à la demande ({ $reason }); recommencez et gardez-en davantage
request-send-ask = Envoyer ? [o/N]{" "}
request-declined = Refusé : rien n'a été envoyé.
request-expired = rien n'a été envoyé : la demande a expiré pendant votre décision ; demandez-en une nouvelle au vérificateur
request-sent = Envoyé ; le vérificateur le vérifie (son résultat va à qui vous l'a demandé).
# Le vérificateur a refusé la réponse (un 4xx) : son motif, dans la langue du lecteur.
request-refused = Le vérificateur a refusé votre présentation : { $reason }

# wallet list (src/cli/listing.rs, src/domain/listing.rs) : titres des colonnes, mots des colonnes type et statut, le compte.
list-column-id = id
list-column-type = type
list-column-issued = émise
list-column-status = statut
list-column-checked = statut lu
list-checked-never = jamais
list-column-credential = attestation
list-column-issuer = émetteur
list-kind-skill = compétence
list-kind-assignment = affectation
list-kind-credential = attestation
list-status-active = active
list-status-revoked = révoquée
list-status-suspended = suspendue
list-status-none = sans statut
list-status-not-checked = non vérifié
list-status-not-yet-verified = pas encore vérifiée
list-count = { $count ->
    [one] { $count } attestation
   *[other] { $count } attestations
}
list-damaged = entrée endommagée { $id } : { $reason }
list-unreadable = conservée, mais illisible comme attestation
# A credential signed by an issuer the person has not said they trust: the name is its own.
list-issuer-untrusted = { $name } (nom qu'il se donne : un émetteur que vous n'avez pas déclaré de confiance)
list-not-yours = { $title } (délivrée à quelqu'un d'autre)
list-no-trust = Vous n'avez pas indiqué à quels émetteurs vous faites confiance : `--trust FICHIER` (ou WALLET_TRUST) les nomme, au format du registre de `verifier --trust`.
# Unreadable trust list (src/domain/trust.rs).

# wallet show (src/cli/show.rs).
show-check-failed = ✗ { $check } : { $message }
show-does-not-verify = Cette attestation ne se vérifie pas hors ligne : ne vous fiez pas à ce qu'elle affirme ci-dessous.
show-field = { $label } : { $value }
show-not-described = (ni une attestation de compétence ni d'affectation)
show-verified = ✓ vérifiée (hors ligne)
show-verified-online = ✓ vérifiée
show-untrusted = Signée par un émetteur que vous n'avez pas déclaré de confiance : il se nomme lui-même « { $name } » ({ $did }). Une signature dit seulement que sa clé a signé ; `--trust FICHIER` nomme les émetteurs auxquels vous faites confiance.
show-not-yours = Délivrée à quelqu'un d'autre : elle porte sur { $subjects }, pas sur vous ({ $did }) ; seule cette personne peut la présenter.
show-unreachable = Son émetteur n'a pu être joint pour la vérifier de nouveau ({ $reason }) : vérifiée hors ligne à la place.
show-verified-kept = ✓ vérifiée hors ligne, avec le document DID de son émetteur tel que votre portefeuille l'a lu le { $date }
show-not-redone-offline = Non vérifié de nouveau hors ligne : si elle a été révoquée depuis, et si son émetteur a publié un document DID plus récent (`wallet show --online` vérifie les deux).
show-cannot-check-offline =
    Cette attestation ne peut pas être vérifiée hors ligne : { $reason }
    Le document DID de son émetteur n'est pas dans votre portefeuille : `wallet show --online` le vérifie. Ses affirmations sont montrées ci-dessous, non vérifiées.
show-verified-now = ✓ vérifiée maintenant : elle n'est plus marquée « pas encore vérifiée ».
show-not-yet-verified =
    Pas encore vérifiée : { $reason }
    Elle est montrée ci-dessous telle que reçue : ne vous y fiez pas avant qu'elle se vérifie (`wallet show` essaie de nouveau).

# Ce que wallet list montre d'une attestation sans nom (src/domain/summary.rs).
summary-untitled = (sans titre)

# Le magasin chiffré (src/domain/store.rs).
store-no-wallet = aucun portefeuille dans { $dir } : lancez d'abord `wallet init`
store-exists = un portefeuille existe déjà dans { $dir }
store-wrong-passphrase = phrase de passe erronée (ou en-tête du portefeuille modifié)
store-io = { $path } : { $reason }
store-damaged = { $path } est endommagé : { $reason }
store-not-found = aucune attestation « { $id } » dans le portefeuille
store-ambiguous = « { $id } » désigne plusieurs attestations : donnez plus de caractères de l'identifiant
store-stored-twice = l'attestation « { $id } » est enregistrée plus d'une fois : choisissez-la par l'identifiant du portefeuille (première colonne de `wallet list`)
did-method-unknown = « { $value } » : utilisez key ou jwk

# Pourquoi un fichier du magasin est endommagé (src/domain/store.rs). Le motif de not-base64 est celui du décodeur.
damage-not-base64 = base64 invalide ({ $reason })
damage-unknown-format = format inconnu « { $format } »
damage-key-derivation-parameters = paramètres de dérivation de clé hors limites
damage-holder-key-mismatch = la clé du titulaire ne correspond pas à son DID
damage-cannot-decrypt = impossible à déchiffrer : le fichier a été modifié ou endommagé
damage-not-a-backup = ce n'est pas une sauvegarde de portefeuille
damage-bad-entry-id = identifiant d'entrée invalide « { $id } »

# Présentations (src/domain/present.rs, src/cli/args.rs).
format-unknown = « { $value } » : utilisez ldp_vp ou jwt_vp
presentation-sd-jwt-alone = une attestation SD-JWT se présente seule, avec les éléments choisis

# Échanges avec un émetteur ou un vérificateur (src/domain/exchange_error.rs) : avec qui, et à quelle étape.
party-issuer = l'émetteur
party-verifier = le vérificateur
step-offer = offre
step-issuer-metadata = métadonnées de l'émetteur
step-authorization-server-metadata = métadonnées du serveur d'autorisation
step-token = jeton
step-nonce = nonce
step-credential = attestation
step-request = demande
step-answer = réponse
step-challenge = défi
step-withdraw = retrait
exchange-not-https = { $url } : seules les adresses https sont utilisées (http seulement sur cette machine)
exchange-not-a-url = « { $url } » n'est pas une URL valide : { $reason }
exchange-answer-not-json = la réponse de { $party } ({ $step }) n'est pas du JSON
exchange-refused = { $party } a refusé ({ $step }) : { $reason }
# Le motif en français quand l'autre partie n'a donné le sien qu'en anglais.
exchange-reason-in-english = HTTP { $code } (motif donné : « { $reason } »)
exchange-unreachable = { $party } injoignable ({ $step }) : { $reason }
# Pourquoi l'autre partie est injoignable (l'anglais montre les mots de la bibliothèque HTTP).
transport-dns = hôte introuvable
transport-connection-failed = connexion impossible
transport-io = connexion interrompue ou délai dépassé
transport-redirect = redirection refusée
transport-invalid-url = URL invalide
transport-https-required = https exigé
transport-bad-response = réponse HTTP invalide
transport-other = erreur réseau
# Où un document JSON a cessé d'être du JSON (l'anglais montre les mots de l'analyseur).
json-position = ligne { $line }, colonne { $column }

# Réception d'une offre d'attestation, OpenID4VCI (src/domain/oid4vci.rs).
receive-offer-not-json = l'offre n'est pas du JSON ({ $reason })
receive-not-an-offer = ce n'est pas une offre d'attestation (openid-credential-offer://?…)
receive-offer-empty = l'offre n'a ni credential_offer ni credential_offer_uri
receive-no-issuer = l'offre ne nomme pas de credential_issuer
receive-no-configuration = l'offre ne nomme aucune configuration d'attestation
receive-no-pre-authorized-code = l'offre n'a pas de code pré-autorisé
receive-pin-required = cette offre exige le code de transaction envoyé par votre ministère : ajoutez --pin
receive-other-issuer = les métadonnées nomment un autre émetteur
receive-metadata-missing = les métadonnées de l'émetteur n'ont pas de { $name }
receive-no-token-endpoint = le serveur d'autorisation n'a pas de token_endpoint
receive-no-access-token = la réponse n'a pas d'access_token
receive-no-c-nonce = la réponse n'a pas de c_nonce
receive-key-proof = signature de la preuve de clé impossible : { $reason }
receive-no-credential = l'émetteur n'a envoyé aucune attestation
# The same offer link given again (src/domain/oid4vci.rs, src/domain/receiving.rs).
receive-already-received = cette offre a déjà été utilisée : son attestation est dans votre portefeuille sous { $id }
receive-already-used = cette offre a déjà été utilisée : votre portefeuille a échangé son code le { $at } sans obtenir l'attestation, et l'émetteur ne l'accepte plus ({ $reason }) ; demandez une nouvelle offre à votre ministère

# Réponse à la demande d'un vérificateur, OpenID4VP (src/domain/oid4vp.rs, src/cli/answering.rs).
request-unreadable = la demande est illisible ou trop grande
request-not-text = la demande n'est pas du texte
answer-several =
    plusieurs de vos attestations répondent à « { $query } » : choisissez-en une avec --credential ID
    { $list }
answer-not-asked = l'attestation { $id } ne répond à rien de ce que demande ce vérificateur
answer-impossible = votre portefeuille ne peut pas répondre à cette demande : { $reason }
answer-signing-failed = signature de la présentation impossible : { $reason }
# Ce que la personne lit avant d'accepter l'envoi.
request-purpose = Ce qu'il dit faire de la réponse (ses propres mots) : « { $purpose } »
request-who =
    Le vérificateur { $did }
    (il se nomme lui-même « { $name } ») demande :
request-or = {" "}ou{" "}
request-would-send = Votre portefeuille enverrait :
request-destination = à { $host } (demande valide jusqu'au { $expires }).

# wallet profile (src/cli/profile.rs, src/domain/profile.rs): le profil de la personne tel qu'un gestionnaire le verrait.
profile-title = Votre profil, tel qu'un gestionnaire le verrait ({ $did })
profile-empty = Aucune attestation de compétence ou d'affectation dans votre portefeuille pour l'instant.
profile-skills = Compétences, par famille
profile-family-other = Autres compétences
profile-skill = { $name } : { $level }, { $issuers ->
    [one] attestée par { $issuers } émetteur
   *[other] attestée par { $issuers } émetteurs distincts
}
profile-skill-unattested = { $name } : aucune attestation vérifiée ne l'atteste
profile-level-none = niveau non précisé
profile-assignments = Affectations, les plus récentes d'abord
profile-assignment = { $start } → { $end }  { $role } ({ $place })
profile-current = en cours
profile-skills-used = Compétences utilisées : { $skills }
# La ligne d'une attestation : son état, son émetteur, quand son statut a été lu, son identifiant.
profile-line = { $mark } { $standing } ; { $issuer } ; { $checked } [{ $id }]
profile-own-words = Vos propres mots (non vérifiés) : « { $text } »
profile-own-words-in = Vos propres mots, en { $language ->
    [fr] français
   *[en] anglais
} (non vérifiés) : « { $text } »
profile-others = { $count ->
    [one] { $count } autre attestation ne fait pas partie d'un profil (`wallet list` l'affiche).
   *[other] { $count } autres attestations ne font pas partie d'un profil (`wallet list` les affiche).
}
standing-verified = vérifiée à la réception
standing-not-yet-verified = pas encore vérifiée
standing-revoked = révoquée
standing-suspended = suspendue
standing-expired = expirée
standing-not-yours = pas délivrée à vous
standing-untrusted = par un émetteur que vous n'avez pas déclaré digne de confiance
# Quand le statut d'une attestation a été lu en ligne pour la dernière fois (src/cli/refreshing.rs).
status-checked-at = statut vérifié le { $at }
status-never-checked = statut jamais vérifié en ligne (`--refresh` le lit)
status-none = aucun statut à vérifier
refresh-done = Listes de statuts relues en ligne : { $count ->
    [one] { $count } attestation
   *[other] { $count } attestations
}{ $unread ->
    [0] {""}
   *[other] ; { $unread } n'ont pas pu être lues maintenant (leur dernier statut connu est conservé)
}.
# wallet profile note (src/cli/profile.rs, src/domain/own_words.rs).
note-saved = Vos mots sont conservés avec { $id } : `wallet profile` les montre comme les vôtres, jamais comme vérifiés.
note-cleared = Vos mots sur { $id } sont supprimés.
note-not-in-profile = { $id } n'est ni une attestation de compétence ni une attestation d'affectation : seules celles-ci font partie de votre profil
note-empty = donnez vos mots avec --en TEXTE, --fr TEXTE ou les deux (ou --clear pour les supprimer)
note-too-long = vos mots en { $language } ont { $chars } caractères ; { $max } au plus
note-control = vos mots en { $language } contiennent un caractère de contrôle : texte simple seulement

# wallet profile withdraw --directory URL (src/cli/profile.rs, src/domain/directory.rs).
withdraw-not-a-url = « { $url } » n'est pas l'adresse d'un répertoire : donnez l'adresse https du vérificateur, par exemple https://verifier.example (http seulement sur cette machine)
withdraw-done = Votre profil est retiré du répertoire de talents de { $directory } (publication { $id }) : il est supprimé, avec tout ce qui en découlait.
withdraw-nothing = Rien n'est publié sous votre clé ({ $did }) dans le répertoire de talents de { $directory } : il n'y a rien à retirer.
withdraw-refused = Le répertoire de talents de { $directory } a refusé de retirer votre profil : { $reason }

# wallet profile export (src/cli/profile.rs, src/domain/profile_file.rs).
lifetime-invalid = « { $value } » n'est pas une durée : donnez un nombre entier et une unité, h (heures), d (jours) ou w (semaines), par exemple 30d
lifetime-zero = un fichier de profil doit rester valide un certain temps : donnez plus que { $value } (par exemple 30d)
lifetime-too-long = « { $value } » dépasse un an : un fichier de profil reste valide un an au plus (365d ou 52w)
audience-invalid = « { $value } » n'est pas un domaine : donnez le nom d'hôte du vérificateur de l'employeur, par exemple jobs.example (avec :port quand son adresse en a un)
export-done = Votre fichier de profil pour { $audience } contient { $count ->
    [one] { $count } attestation
   *[other] { $count } attestations
}, signées avec la clé de votre portefeuille ; il est valide jusqu'au { $expires }.
export-written = Écrit dans { $path }.
export-sd-jwt-left-out = { $count ->
    [one] { $count } attestation SD-JWT est laissée de côté
   *[other] { $count } attestations SD-JWT sont laissées de côté
} ({ $ids }) : un fichier de profil montre toutes les déclarations de ce qu'il contient, et une attestation SD-JWT se montre déclaration par déclaration, à un vérificateur à la fois (wallet present ID --disclose …).
export-empty = votre profil ne contient aucune attestation de compétence ou d'affectation qu'un fichier de profil puisse porter : rien n'a été écrit
export-exists = { $path } existe : choisissez un autre fichier, ou remplacez-le avec --force
withdraw-unreachable-next = Rien n'a été retiré : si votre profil figure dans le répertoire de talents à { $directory }, il y figure toujours. Relancez la même commande plus tard; si le répertoire reste injoignable, demandez à l'employeur qui l'exploite de supprimer votre profil.
