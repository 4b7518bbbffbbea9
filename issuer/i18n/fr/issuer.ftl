# Messages de l'émetteur : textes des réponses d'erreur HTTP (`detail_fr`), sorties et erreurs des
# commandes, configuration, rapports de lot. Les valeurs qui ne sont pas du texte (DID, URL, texte
# propre à une autre bibliothèque) sont des variables.

# Ce qu'un client lit dans une réponse d'erreur (error.rs).
error-exists = { $what } existe déjà
error-internal = une erreur interne s'est produite ; elle a été journalisée
error-unauthorized = un jeton porteur valide est requis
error-forbidden = ce jeton n'a pas la portée `{ $scope }`
error-form-rejected = ce formulaire n'est plus valide (il appartient à une autre connexion, ou la page est trop ancienne) : rien n'a été fait; rechargez la page et réessayez
error-sign-in-refused = la connexion de votre organisation a réussi, mais aucun de vos groupes n'a de permission dans cette console : aucune session n'a été ouverte; demandez à l'administrateur de la console de votre ministère de donner accès à votre groupe
error-sign-in-cancelled = la connexion a été annulée ou refusée sur la page de connexion de votre organisation : vous n'êtes pas connecté
error-sign-in-unknown = cette connexion est inconnue, expirée (dix minutes) ou déjà utilisée, ou elle a été commencée dans un autre navigateur : rien n'a été fait; connectez-vous de nouveau
error-identity-provider = le service de connexion de votre organisation est injoignable, ou sa réponse n'a pu être vérifiée : vous n'êtes pas connecté; réessayez dans un moment
error-other-department = ce jeton émet pour le ministère { $department } seulement, pas au nom de { $issuer }
error-too-many-requests = trop de requêtes pour ce jeton ; ralentissez
error-payload-too-large = le corps de la requête dépasse la limite
error-method-not-allowed = cette méthode n'est pas permise sur ce chemin
error-schema = l'attestation ne respecte pas son schéma : { $violations }
error-refused = l'attestation est refusée : { $detail }
error-not-found = introuvable : { $what }
error-bad-request = requête invalide : { $detail }
error-issuer-mismatch = l'émetteur { $issuer } n'est pas le DID de la clé { $key_did } : un vérificateur refuserait l'attestation
error-idempotency-key-reused = la clé d'idempotence `{ $key }` a servi à une autre requête
error-malformed = { $what } est mal formée : { $reason }

# Défaillances internes telles que journalisées (et montrées à qui lance une commande), jamais
# envoyées à un client.
error-handler-panicked = un gestionnaire de requête a paniqué
error-unexpected = défaillance inattendue : { $cause }
error-key-unavailable = la clé de signature du ministère est indisponible pour le moment (son module de sécurité matériel ne répond pas) ; rien n'a été émis, réessayez plus tard
error-key-unavailable-cause = clé de signature indisponible : { $cause }

# Refus de la couche HTTP (http.rs), avant que la requête n'atteigne le service.
# `reason` est le texte anglais du cadriciel web : il n'est pas montré en français.
http-query-invalid = la chaîne de requête (après « ? ») est invalide{ $reason ->
       *[other] {""}
    }
http-path-invalid = le chemin de l'URL est invalide{ $reason ->
       *[other] {""}
    }
http-route = route
http-person-not-text = `person` (à qui l'attestation est destinée) doit être un texte
http-status-list = liste de statuts { $number }
http-credential-id-missing = `credentialId` (une chaîne) manque
http-credential-status-not-list = `credentialStatus` doit être un tableau non vide de {"{"}type, status{"}"}
http-status-type-unsupported = le type de statut `{ $kind }` n'est pas pris en charge : utilisez BitstringStatusListEntry
http-status-unknown = le statut `{ $status }` n'est pas revoked (révoqué), suspended (suspendu) ni active (actif)
http-status-missing = `status` manque : utilisez revoked (révoqué), suspended (suspendu) ou active (actif)
http-offer-request = la demande d'offre
http-template-request = la demande
http-batch-request = la demande de lot
http-url-nul = l'URL contient un caractère NUL (%00)
# `reason` est le texte anglais du cadriciel web : il n'est pas montré en français.
http-body-unreadable = le corps de la requête n'a pas pu être lu{ $reason ->
       *[other] {""}
    }
# `reason` : `http-json-position`, où l'analyseur JSON s'est arrêté.
http-body-not-json = le corps n'est pas du JSON valide { $reason }
http-json-position = (ligne { $line }, colonne { $column })
http-body-nul = le corps contient un caractère NUL (\u0000)
http-idempotency-key-not-ascii = Idempotency-Key doit être en caractères ASCII
http-body-not-object = le corps doit être un objet JSON {"{"}credential, options{"}"}
http-credential-is-string = `credential` doit être un objet JSON, pas une chaîne
http-credential-missing = `credential` manque
http-batch-too-many-rows = { $rows } lignes, plus que les { $most } acceptées par requête
http-verification-method-missing = `verificationMethod` (une chaîne) manque
http-database-unreachable = la base de données ne répond pas
# Dit par la couche HTTP comme par le service.
credential-not-object = `credential` doit être un objet JSON
credential-offer = offre d'attestation { $id }

# Refus du service (service.rs) : ministères, clés, jetons, émission.
service-unknown-did-method = méthode DID inconnue `{ $method }` : utilisez web ou key
service-unknown-scope = portée inconnue `{ $scope }` : utilisez issue, revoke ou admin
service-did-key-cannot-rotate = le ministère { $department } utilise did:key, dont l'identifiant est son unique clé : impossible de changer sa clé (créez un ministère did:web pour changer de clé)
service-did-key-in-token = un ministère did:key ne peut pas garder sa clé dans un module de sécurité matériel : son identifiant est tiré de la clé avant qu'elle existe (utilisez did:web)
service-key-not-destroyable = la clé { $method } ne peut pas être retirée du module de sécurité matériel : seule une clé retirée qui y est gardée peut l'être
service-did-key-cannot-retire = le ministère { $department } utilise did:key, dont l'identifiant est son unique clé : impossible de retirer sa clé (créez un ministère did:web pour changer de clé)
service-unknown-status-purpose = finalité de statut inconnue `{ $purpose }` : utilisez revocation, suspension ou les deux
service-department-id-invalid = l'identifiant de ministère `{ $id }` doit être fait de minuscules, de chiffres et de tirets (63 au plus)
service-department-name-incomplete = un ministère doit avoir un nom en anglais et en français
service-department = ministère { $department }
service-sso-department = authentification unique du ministère { $department }
service-signing-key = clé de signature du ministère { $department }
service-key = clé { $method } du ministère { $department }
service-key-is-signing = { $method } est la clé de signature : faites d'abord une rotation (issuer key rotate), puis retirez-la
service-key-retired-already = { $method } est déjà retirée
service-key-changed = { $method } a changé entre-temps : vérifiez de nouveau
service-since-invalid = `since` doit être une heure RFC 3339 comme 2026-01-31T09:00:00Z, pas « { $since } »
service-did-document-of-did-key = document DID du ministère { $department } (il utilise did:key, résolu à partir de l'identifiant même)
service-token-without-scope = un jeton doit avoir au moins une portée
service-live-token = jeton actif { $id } du ministère { $department }
service-batch-over-rate = { $sent } lignes : ce jeton peut en envoyer au plus { $most } par requête (sa limite par seconde) ; divisez le lot
service-idempotency-key-length = Idempotency-Key doit compter de 1 à 200 caractères
service-idempotency-key-reserved = Idempotency-Key ne doit pas commencer par `{ $prefix }` (réservé aux offres)
service-id-not-url = `id` doit être une URL (par exemple urn:uuid:…)
service-credential-nul = l'attestation contient un caractère NUL
service-person-length = `person` (à qui l'attestation est destinée) doit compter de 1 à { $most } caractères
service-credential-exists = l'attestation { $id } existe déjà
service-credential = attestation { $id }
# Causes internes, journalisées.
service-signing-slots-closed = les créneaux de signature ont été fermés
service-signing-failed = la signature a échoué : { $reason }

# OpenID4VCI (service/oid4vci.rs) : offres, leurs métadonnées et les refus du protocole
# (`error_description`).
oid4vci-skill-credential = Attestation de compétence
oid4vci-assignment-credential = Attestation d'affectation
# Le NIP d'une offre, tel qu'un portefeuille le montre (les deux langues sont envoyées, jointes par « / »).
oid4vci-tx-code-description = Code envoyé par votre ministère
oid4vci-fields-not-object = `fields` doit être un objet JSON
oid4vci-fields-name-subject = `fields` ne doit pas nommer de titulaire : l'attestation est liée à la clé que prouve le portefeuille
oid4vci-fields-invalid = `fields` : { $reason }
oid4vci-unknown-configuration = configuration d'attestation inconnue `{ $configuration }` : utilisez l'une de { $known }
oid4vci-person-length = `person` (à qui l'offre est destinée) doit compter de 1 à 200 caractères
oid4vci-expires-in = expiresIn doit être de 1 à { $most } secondes
oid4vci-grant-unsupported = seul { $grant } est pris en charge
oid4vci-code-missing = pre-authorized_code est absent
oid4vci-code-unknown = code pré-autorisé inconnu
oid4vci-offer-used = cette offre a déjà été utilisée
oid4vci-offer-expired = cette offre a expiré
oid4vci-too-many-wrong-pins = trop de codes de transaction erronés : demandez une nouvelle offre
oid4vci-wrong-pin = code de transaction (NIP) erroné
oid4vci-offer-used-or-expired = cette offre a déjà été utilisée ou a expiré
oid4vci-token-unknown = jeton d'accès inconnu
oid4vci-token-expired = le jeton d'accès a expiré
oid4vci-other-configuration = cette offre porte sur { $configuration }
oid4vci-one-key-proof = une et une seule preuve de clé JWT est requise
oid4vci-key-proof-invalid = la preuve de clé n'est pas valide : { $reason }
oid4vci-key-proof-audience = l'audience de la preuve de clé doit être { $audience }
oid4vci-key-proof-iat = l'iat de la preuve de clé est absent ou trop éloigné de maintenant
oid4vci-nonce-invalid = le nonce de la preuve de clé est inconnu, déjà utilisé ou expiré : demandez-en un nouveau
oid4vci-issued-to-another-key = l'attestation de cette offre a déjà été émise pour une autre clé
oid4vci-parameter-repeated = le paramètre { $name } est envoyé plus d'une fois
oid4vci-grant-missing = grant_type est absent
oid4vci-tx-code-missing = cette offre exige son code de transaction (tx_code)
oid4vci-tx-code-unexpected = cette offre n'a pas de code de transaction : n'envoyez pas de tx_code
oid4vci-key-proof-no-nonce = la preuve de clé n'a pas de nonce : cet émetteur a un point de terminaison de nonce, dont le c_nonce va dans la revendication nonce de la preuve
oid4vci-key-proof-nonce-not-text = le nonce de la preuve de clé doit être une chaîne
oid4vci-request-not-object = la demande d'attestation doit être un objet JSON
oid4vci-unknown-identifier = identifiant d'attestation inconnu { $identifier } : cet émetteur n'en attribue pas, nommez le credential_configuration_id
oid4vci-configuration-missing = credential_configuration_id est absent
# Causes internes, journalisées.
oid4vci-stored-configuration-unknown = l'offre enregistrée a une configuration inconnue { $configuration }
oid4vci-stored-offer-unreadable = offre enregistrée : { $reason }

# Révocation et suspension (service/status.rs). `purpose` : revocation ou suspension.
status-no-free-index = aucun index de statut libre pour la finalité { $purpose ->
        [revocation] révocation
       *[other] { $purpose }
    }
status-own-list = la liste de statuts { $list } est celle de ce service : ses entrées sont attribuées par l'émetteur (envoyez l'attestation sans `credentialStatus` pour les obtenir, ou avec des entrées de listes que vous publiez)
status-list-of = liste de statuts { $number } de { $department }
status-no-entry = l'attestation { $id } n'a pas d'entrée de { $purpose ->
        [revocation] révocation
       *[other] { $purpose }
    }
status-revocation-final = l'attestation { $id } est révoquée : la révocation est définitive
# Causes internes, journalisées.
status-list-signing-failed = la signature de la liste de statuts a échoué : { $reason }
status-token-signing-failed = la signature du jeton de liste de statuts a échoué : { $reason }

# Signature (sign.rs) : ce que l'émetteur refuse de signer.
sign-unknown-suite = suite inconnue « { $suite } » : utilisez eddsa-rdfc-2022, eddsa-jcs-2022, vc-jwt ou dc+sd-jwt
sign-already-signed = l'attestation a déjà une preuve : envoyez-la non signée
sign-enveloped = c'est une EnvelopedVerifiableCredential, déjà sécurisée : envoyez l'attestation qu'elle porte, sans sa sécurisation
sign-sd-jwt-needs-v2 = un SD-JWT VC s'émet à partir d'une attestation du modèle VC 2.0, pas 1.1

# La base de données (store/) : ce qui existe déjà, et les défaillances telles que journalisées.
store-department = le ministère { $id }
store-credential = l'attestation { $id }
store-database = erreur de base de données : { $reason }
store-migration = la migration de la base de données a échoué : { $reason }
store-unsupported-url = URL de base de données non prise en charge `{ $url }` : utilisez sqlite://… ou postgres://…
store-contention = abandon après des conflits répétés : { $what }
store-corrupt = les données enregistrées sont incohérentes : { $what }
store-opening-list = ouverture d'une liste de statuts ({ $purpose }) de { $department }
store-reserving-indexes = réservation d'index de statut ({ $purpose }) de { $department }
store-credential-refused = l'attestation { $id } a été refusée par la base de données bien que son identifiant et sa clé d'idempotence soient nouveaux (une position de statut prise deux fois ?)

# Configuration (config.rs) : le fichier et les variables ISSUER_*.
config-unreadable = lecture impossible du fichier de configuration { $path } : { $reason }
# `reason` : la dernière ligne du texte de l'analyseur TOML, en anglais.
config-invalid = le fichier de configuration { $path } est invalide (détail technique, en anglais : { $reason })
config-invalid-at-line = le fichier de configuration { $path } est invalide à la ligne { $line } (détail technique, en anglais : { $reason })
# `name` : le réglage ; `reason` : l'un des messages config- ci-dessous.
config-value-invalid = { $name } est invalide : { $reason }
config-pkcs11-module-missing = un jeton PKCS#11 est configuré sans son module (pkcs11_module ou ISSUER_PKCS11_MODULE)
config-pkcs11-token = désignez le jeton PKCS#11 par pkcs11_token_label ou par pkcs11_slot (l'un des deux)
config-pkcs11-pin = le jeton PKCS#11 a besoin du NIP utilisateur : ISSUER_PKCS11_PIN ou pkcs11_pin_file (jamais dans le fichier de configuration lui-même)
# `reason` est le texte anglais de l'analyseur (nombre, adresse, URL) : il n'est pas montré en français.
config-not-a-count = `{ $text }` n'est pas un nombre entier positif{ $reason ->
       *[other] {""}
    }
config-not-an-address = `{ $text }` n'est pas une adresse et un port (par exemple 127.0.0.1:8080){ $reason ->
       *[other] {""}
    }
config-not-a-url = `{ $text }` n'est pas une URL{ $reason ->
       *[other] {""}
    }
config-tls-half = donnez à la fois le fichier du certificat et celui de la clé
config-public-url-shape = doit être http(s), un hôte et un port facultatif, sans chemin, requête, fragment ni utilisateur
config-public-url-required = requis quand le service écoute sur { $listen } : indiquez comment les clients joignent cet émetteur (ses DID et listes de statuts en dépendent)
config-log-format = `{ $format }` : utilisez text ou json
config-status-ttl = { $seconds } : donnez de 1 à { $most } secondes (une liste est valide { $most } s)
# `department`: the id of an [oidc.<department>] table; `key`: its setting; `reason`: one of the config-oidc- messages below.
config-oidc-invalid = [oidc.{ $department }] { $key } est invalide : { $reason }
config-oidc-missing = donnez une valeur
config-oidc-department = un identifiant de ministère est fait de minuscules, de chiffres et de tirets (63 au plus)
config-oidc-https = `{ $text }` : un fournisseur d'identité est joint en https (http seulement sur cette machine)
config-oidc-secret-source = donnez le fichier du secret client (client_secret_file) ou le nom de la variable d'environnement qui le contient (client_secret_env), l'un des deux
config-oidc-secret-file = impossible de lire { $path } : { $reason }
config-oidc-secret-empty = le secret client est vide ou n'est pas défini
config-oidc-no-mapping = associez au moins une valeur de la revendication `{ $claim }` à des permissions de la console (issue, revoke, admin)
config-oidc-scope = `{ $value }` reçoit `{ $scope }` : les permissions sont issue, revoke et admin

# Lots de lignes (batch.rs) : pourquoi une ligne est rejetée. `field` : l'un des noms batch-field-.
batch-field-evidence = la justification (evidence)
batch-field-role = le rôle (role)
batch-field-department = le ministère (department)
batch-field-team = l'équipe (team)
batch-field-start = la date de début (start)
batch-field-end = la date de fin (end)
batch-required = { $field } est obligatoire
batch-needs-both-languages = { $field } manque en anglais ou en français
batch-not-a-date = { $field } `{ $text }` n'est pas une date
batch-unknown-kind = le type (kind) `{ $kind }` doit être skill (compétence) ou assignment (affectation)
batch-row-failed = la ligne n'a pas pu être traitée
# `reason` : ce que le système dit du fichier.
batch-csv-unreadable = impossible de lire { $path } : { $reason }
# Pourquoi une ligne CSV est illisible, pour qui lit en français.
batch-csv-column-invalid = la colonne { $column } de la ligne est invalide ou manquante
batch-csv-header-mismatch = la ligne ne correspond pas à l'en-tête (colonne manquante ou inconnue)
batch-csv-column-count = la ligne a { $count } colonnes alors que l'en-tête en a { $expected }
batch-csv-not-utf8 = la ligne n'est pas du texte UTF-8
batch-csv-row-unreadable = la ligne est illisible

# `issuer issue-batch` (batch_cli.rs) : progression, lignes rejetées, bilan.
# Le modèle de la barre de progression : `bar`, `done`, `total`, `rate` et `left` sont ses repères.
batch-progress = { $bar } { $done }/{ $total } lignes  { $rate }  reste { $left }
# `cause` : la défaillance interne, en anglais.
batch-rejected-with-cause = { $reason } (cause, en anglais : { $cause })
batch-rejected-line = ligne { $line } : { $reason }
batch-positional-rows = { $count ->
    [one] remarque : { $count } ligne sans row_id est reconnue par sa position : relancez le fichier sans le modifier, ou ajoutez une colonne row_id
   *[other] remarque : { $count } lignes sans row_id sont reconnues par leur position : relancez le fichier sans le modifier, ou ajoutez une colonne row_id
}
batch-summary = { $total } { $total ->
        [one] ligne
       *[other] lignes
    } : { $issued } { $issued ->
        [one] émise
       *[other] émises
    }, { $skipped } { $skipped ->
        [one] ignorée (déjà émise)
       *[other] ignorées (déjà émises)
    }, { $rejected } { $rejected ->
        [one] rejetée
       *[other] rejetées
    }

# `issuer serve` (serve.rs) : le premier démarrage sur une base vide, et l'adresse d'écoute.
serve-demo-department = Ministère de démonstration
# `example` : une ligne de commande curl qui émet une attestation avec le nouveau jeton.
serve-department-elsewhere = le ministère { $department } est { $did }, dont le document DID est cherché à { $host }, mais l'URL publique de ce service est { $url } : ses attestations ne seraient pas vérifiées ; démarrez le service avec ISSUER_PUBLIC_URL (ou public_url dans le fichier --config) nommant { $host }, comme à la création du ministère
serve-first-start =
    Premier démarrage : ministère `demo` ({ $did }) créé, avec un jeton d'API (portées issue, revoke, admin).
    Le jeton n'est affiché qu'une fois :

    {"  "}{ $token }

    Émettre une première attestation de compétence :

    { $example }
serve-listening = À l'écoute sur { $url }

# La commande `issuer` (cli.rs) : ses erreurs et ce qu'elle écrit sur la sortie d'erreur.
cli-usage-error = issuer : erreur d'utilisation : { $message }
cli-error = issuer : erreur : { $message }
# `chain` : une défaillance interne et ses causes, en anglais.
cli-internal-error = erreur interne (détail technique, en anglais) : { $chain }
cli-rows-rejected = { $count ->
        [one] { $count } ligne a été rejetée
       *[other] { $count } lignes ont été rejetées
    }
cli-time-invalid = --{ $flag } : `{ $text }` n'est pas une date et heure RFC 3339
cli-issuer-missing = donnez --issuer DID ou --key FICHIER
cli-master-key-mismatch = la clé maîtresse n'ouvre pas les clés des ministères enregistrées dans la base : donnez la clé maîtresse qui les a scellées (ISSUER_MASTER_KEY ou master_key_file) ; rien n'a été modifié
cli-public-url-unknown = aucune URL publique n'est configurée : le ministère serait { $did }, l'identifiant d'un service à { $url }, qui n'est peut-être pas là où `issuer serve` fonctionne ; donnez à ISSUER_PUBLIC_URL (ou à public_url dans le fichier --config) l'URL où les clients joignent le service, par exemple https://talent.example.ca, ou à ISSUER_LISTEN l'adresse où il écoute ; rien n'a été créé
cli-public-url-disagrees = l'URL publique de cette commande est { $url }, le ministère serait donc { $did }, mais le ministère { $other } de la même base de données est { $other_did }, servi à { $host } : lancez la commande avec la configuration du service (ISSUER_PUBLIC_URL ou public_url, ISSUER_LISTEN) ; rien n'a été créé
cli-not-a-service-command = ce n'est pas une commande du service
cli-unknown-key-backend = mode de clé inconnu `{ $backend }` : utilisez file ou pkcs11
cli-no-pkcs11-token = aucun jeton PKCS#11 n'est configuré (pkcs11_module, pkcs11_token_label ou pkcs11_slot, et le NIP) : un ministère ne peut pas y garder ses clés
cli-key-not-in-token = le jeton ne contenait plus la clé { $method }
cli-token-created = Jeton { $id } ({ $scopes }) créé. Il n'est affiché qu'une fois ; gardez-le secret :
cli-passphrase-variable-empty = la variable d'environnement { $variable } est vide ou absente
cli-key-written = Clé écrite dans { $path } (DID { $did })
cli-key-of-another-did = { $path } appartient à { $did }, pas à { $other }
cli-credential-unreadable = lecture impossible de l'attestation : { $reason }
cli-not-an-unsigned-credential = l'entrée n'est pas une attestation JSON non signée

# La console du personnel (http/console).
console-brand = Talent Credentials — console du personnel
console-skip = Passer au contenu principal
console-nav = Console
console-home = Tableau de bord
console-signed-in-as = Connecté : { $name }, ministère { $department }
console-sign-out = Se déconnecter
console-other-language = English
console-error-title = Non effectué
console-back-home = Retour au tableau de bord
console-sign-in-title = Connexion à la console du personnel
console-session-ended = Votre session a pris fin (déconnexion, ou inactivité trop longue). Reconnectez-vous; rien de ce que vous n'aviez pas envoyé n'a été fait.
console-sign-in-with-token = Cet émetteur n'a pas d'authentification unique configurée pour votre ministère : connectez-vous avec un jeton d'API de votre ministère (créé par « issuer token create »). Il ouvre une session avec les permissions de ce jeton.
console-sign-in-token-otherwise = Les ministères sans authentification unique ici se connectent avec un jeton d'API du ministère (créé par « issuer token create ») : il ouvre une session avec les permissions de ce jeton.
console-token-label = Jeton d'API
console-sign-in-button = Se connecter
console-sso-heading = La connexion de votre organisation
console-sso-link = Se connecter avec l'authentification unique de { $department }
console-token-heading = Avec un jeton d'API
console-signed-in-title = Connecté
console-continue = Continuer vers le tableau de bord, { $name }
console-home-title = Tableau de bord — ministère { $department }
console-week-heading = Les sept derniers jours
console-week-issued = { $count ->
        [one] Une attestation émise
       *[other] { $count } attestations émises
    }
console-week-offered = { $count ->
        [one] Une offre faite
       *[other] { $count } offres faites
    }
console-week-revoked = { $count ->
        [one] Une attestation révoquée
       *[other] { $count } attestations révoquées
    }
console-week-suspended = { $count ->
        [one] Une attestation suspendue
       *[other] { $count } attestations suspendues
    }
console-recent-heading = Dernières attestations
console-recent-none = Aucune attestation n'a encore été émise.
console-column-issued-at = Émise (UTC)
console-column-type = Type
console-column-achievement = Ce qu'elle atteste
console-column-credential = Attestation
console-credential-title = Attestation
console-subject = Titulaire (DID)
console-format = Format
console-status = Statut
console-state = { $state ->
        [revoked] Révoquée
        [suspended] Suspendue
        [expired] Expirée
       *[other] Active
    }
console-history-heading = Historique
console-history-at = Quand (UTC)
console-history-who = Qui
console-history-what = Quoi
console-history-reason = Motif
console-action = { $action ->
        [credential-issue] Attestation émise
        [batch-upload] Fichier CSV téléversé
        [credential-revoke] Attestation révoquée
        [credential-suspend] Attestation suspendue
        [credential-reinstate] Attestation rétablie
        [offer-create] Offre faite
        [offer-redeem] Offre utilisée par le portefeuille
        [session-open] Connexion
        [session-close] Déconnexion
        [session-refused] Connexion refusée
        [key-rotate] Clé de signature remplacée
        [key-retire] Clé de signature retirée
       *[other] { $code }
    }
console-audit-title = Piste d'audit
console-audit-since = Depuis (jour)
console-audit-action = Action
console-audit-any = Toute action
console-audit-filter = Afficher
console-audit-count = { $count ->
        [one] Une entrée
       *[other] { $count } entrées (les { $shown } plus récentes affichées)
    }
console-audit-since-invalid = « { $since } » n'est pas un jour (AAAA-MM-JJ)
console-change-heading = Changer son statut
console-change-not-allowed = Votre connexion ne permet pas de changer le statut des attestations (la permission « revoke » est nécessaire).
console-change-final = Cette attestation est révoquée : la révocation est définitive.
console-change-legend = Changement
console-change-revoke = Révoquer (définitif : elle ne pourra plus jamais être valide)
console-change-suspend = Suspendre (elle pourra être rétablie)
console-change-reinstate = Rétablir (lever la suspension)
console-reason-label = Motif (conservé dans la piste d'audit)
console-confirm-label = Je confirme ce changement.
console-change-button = Changer le statut
console-status-done = { $action ->
        [revoke] L'attestation est révoquée.
        [suspend] L'attestation est suspendue.
        [reinstate] L'attestation est rétablie.
        [issued] L'attestation est délivrée.
       *[other] C'est fait.
    }
console-change-missing = choisissez quoi changer
console-reason-missing = donnez un motif : il est conservé dans la piste d'audit
console-confirm-missing = cochez la case pour confirmer le changement
console-form-too-large = Ce formulaire dépasse la taille acceptée par la console.
console-download = Télécharger l'attestation (pour la remettre à son titulaire)
console-kind-nav = Genre d'attestation
console-kind-skill = Attestation de compétence
console-kind-assignment = Attestation d'affectation
console-skill-search = Trouver une compétence (mots de son nom en français ou en anglais)
console-skill-family = Famille de compétences
console-skill-any-family = Toutes les familles
console-skill-search-button = Trouver des compétences
console-skill-found = { $count ->
        [0] Aucune compétence trouvée : essayez d'autres mots ou une autre famille.
        [one] Une compétence trouvée.
       *[other] { $count } compétences trouvées.
    }
console-in-english = En anglais
console-in-french = En français
console-skill-label = Compétence
console-skill-choose = Choisissez une compétence
console-level-label = Niveau
console-level-choose = Choisissez un niveau
console-evidence-legend = Preuve (facultative; dans les deux langues si elle est donnée)
console-role-legend = Rôle
console-unit-legend = Ministère ou organisation de l'affectation
console-team-legend = Équipe (facultative)
console-start-label = Date de début
console-end-label = Date de fin (facultative)
console-skills-used-legend = Compétences utilisées (trouvez-en d'autres avec la recherche ci-dessus)
console-issue-title = Délivrer une attestation
console-issue-intro = Délivrez maintenant une attestation signée. Pour que la personne la reçoive dans son portefeuille, faites plutôt une offre.
console-subject-label = DID du titulaire (facultatif)
console-subject-hint = L'identifiant décentralisé du portefeuille de la personne, p. ex. did:key:z6Mk…; laissez vide pour une attestation qui n'est liée à aucune clé.
console-format-label = Format de la preuve
console-format-rdfc = Intégrité des données, canonicalisation RDF (eddsa-rdfc-2022)
console-format-jcs = Intégrité des données, canonicalisation JSON (eddsa-jcs-2022)
console-format-jwt = Jeton Web JSON (VC-JOSE-COSE)
console-issue-button = Délivrer
console-issue-form-stale = Ce formulaire a expiré ou a été modifié : ouvrez le formulaire de nouveau et remplissez-le.
console-offer-title = Faire une offre
console-offer-intro = Une offre permet à la personne de recevoir l'attestation dans son propre portefeuille, liée à la clé de son portefeuille.
console-person-label = Personne
console-person-hint = La personne à qui l'attestation est destinée, comme votre ministère la désigne (nom, courriel ou numéro d'employé). Cette information reste chez l'émetteur, pour retrouver ses attestations plus tard.
console-offer-format-label = Format de l'attestation
console-offer-ldp = Intégrité des données (ldp_vc)
console-offer-jwt = Jeton Web JSON (jwt_vc_json)
console-offer-sd-jwt = SD-JWT VC avec divulgation sélective (dc+sd-jwt)
console-offer-expires-label = L'offre peut être utilisée pendant
console-offer-day = 24 heures
console-offer-hour = 1 heure
console-offer-quarter = 15 minutes
console-offer-week = 7 jours
console-offer-pin-label = Protéger l'offre par un NIP (recommandé)
console-offer-button = Faire l'offre
console-offer-made-title = Offre pour { $person }
console-offer-made = L'offre est prête. Elle peut être utilisée une fois, jusqu'au { $expires } (UTC).
console-offer-qr-label = Code QR de l'offre
console-offer-qr-caption = La personne lit ce code avec son portefeuille, ou y ouvre le lien ci-dessous.
console-offer-link-label = Lien de l'offre
console-offer-pin-heading = NIP
console-offer-pin-warning = Ce NIP n'est affiché qu'une fois et ne peut plus être affiché. Envoyez-le à la personne par un autre moyen que le lien (par téléphone ou en personne), jamais dans le même message.
console-offer-no-pin = Cette offre n'a pas de NIP : toute personne qui a le lien peut l'utiliser jusqu'à son expiration.
console-offer-another = Faire une autre offre
console-issue-form-used = Ce formulaire a déjà servi à délivrer une attestation avec d'autres valeurs; rien d'autre n'a été délivré. Ouvrez le formulaire de nouveau pour délivrer une autre attestation.

# Le téléversement d'un fichier CSV dans la console (issue #24).
upload-nav = Téléverser un fichier
upload-title = Émettre des attestations à partir d'un fichier CSV
upload-not-allowed = Votre connexion ne permet pas d'émettre des attestations (l'autorisation « issue » est nécessaire).
upload-file-label = Fichier CSV des lignes
upload-file-help = Une attestation par ligne, au plus { $rows } lignes et { $megabytes } Mo. Téléverser de nouveau les mêmes lignes n'émet rien deux fois : les lignes déjà émises sont ignorées.
upload-button = Téléverser et émettre
upload-columns-heading = Colonnes attendues
upload-columns-intro = La première ligne du fichier nomme les colonnes, dans n'importe quel ordre ; les colonnes omises sont vides. Une ligne est une compétence (kind « skill ») ou une affectation (kind « assignment »).
upload-column-name = Colonne
upload-column-meaning-heading = Contenu
upload-column-meaning = { $column ->
        [kind] « skill » ou « assignment » (obligatoire)
        [row_id] L'identifiant de la ligne dans votre système RH ; le numéro de ligne est utilisé s'il est vide
        [subject] Le DID de l'employé (facultatif)
        [skill] Compétence : la clé de la compétence dans la taxonomie, par exemple api_design (obligatoire)
        [level] Compétence : beginner, intermediate, advanced ou expert (obligatoire)
        [evidence_en] Compétence : la preuve, en anglais (avec evidence_fr, ou aucune des deux)
        [evidence_fr] Compétence : la preuve, en français
        [role_en] Affectation : le rôle, en anglais (obligatoire)
        [role_fr] Affectation : le rôle, en français (obligatoire)
        [department_en] Affectation : le ministère, en anglais (obligatoire)
        [department_fr] Affectation : le ministère, en français (obligatoire)
        [team_en] Affectation : l'équipe, en anglais (avec team_fr, ou aucune des deux)
        [team_fr] Affectation : l'équipe, en français
        [start] Affectation : le premier jour, AAAA-MM-JJ (obligatoire)
        [end] Affectation : le dernier jour, AAAA-MM-JJ (facultatif)
        [skills] Affectation : des clés de compétences séparées par « ; » (facultatif)
       *[other] { $column }
    }
upload-example-link = Télécharger un fichier d'exemple (CSV)
upload-recent-heading = Derniers téléversements
upload-column-uploaded = Téléversé (UTC)
upload-column-file = Fichier
upload-column-rows = Lignes
upload-job-title = Téléversement CSV
upload-job-file = Fichier : { $file }
upload-state = { $state ->
        [running] Émission des lignes en cours…
        [interrupted] Interrompu
       *[finished] Terminé
    }
upload-progress-label = Lignes traitées
upload-progress-text = { $done } lignes sur { $total } : { $issued } émises, { $skipped } déjà émises, { $rejected } rejetées
upload-reload = Rechargez la page pour voir l'avancement
upload-interrupted = Le téléversement s'est arrêté avant la fin (le service a redémarré). Téléversez de nouveau le même fichier : les lignes déjà émises sont ignorées, les autres sont émises.
upload-rejected-link = { $count ->
        [one] Télécharger la ligne rejetée (CSV)
       *[other] Télécharger les { $count } lignes rejetées (CSV)
    }
upload-rejected-heading = { $count ->
        [one] Ligne rejetée
       *[other] Lignes rejetées ({ $count })
    }
upload-results-heading = Toutes les lignes
upload-results-none = Aucune ligne n'est encore traitée.
upload-another = Téléverser un autre fichier
upload-column-line = Ligne
upload-column-result = Résultat
upload-column-detail = Attestation ou motif
upload-row-status = { $status ->
        [issued] Émise
        [skipped] Déjà émise
       *[rejected] Rejetée
    }
upload-no-rows = le fichier n'a aucune ligne sous sa ligne d'en-tête
upload-too-many-rows = { $rows } lignes, plus que les { $most } acceptées par fichier (divisez le fichier, ou utilisez issuer issue-batch)
upload-too-large = le fichier dépasse { $most } Mo
upload-no-file = choisissez un fichier CSV à téléverser
upload-job = le téléversement { $id }
console-find-title = Trouver des attestations
console-find-link = Trouver des attestations par personne, compétence, type, date ou statut
console-find-person = Personne
console-find-person-hint = Nom, courriel ou numéro d'employé, tel que votre ministère l'a inscrit à l'émission ou à l'offre. Trouve ceux qui commencent par ce que vous tapez; les majuscules et les espaces en trop ne comptent pas (« ada » trouve « Ada Lovelace »).
console-find-skill = Compétence
console-find-skill-hint = La compétence d'une attestation de compétence, ou une compétence mise en œuvre dans une affectation.
console-find-any-skill = Toute compétence
console-find-any-type = Tout type
console-find-type = { $kind ->
        [SkillCredential] Compétence
        [AssignmentCredential] Affectation
       *[other] { $kind }
    }
console-find-from = Émises à partir du (jour)
console-find-to = Émises jusqu'au (jour, inclus)
console-find-any-status = Tout statut
console-find-button = Chercher
console-find-count = { $count ->
        [0] Aucune attestation trouvée
        [one] Une attestation trouvée
       *[other] { $count } attestations trouvées
    }
console-find-cut = Seules les { $shown } dernières sont listées : précisez la recherche pour voir les autres.
console-find-day-invalid = « { $day } » n'est pas un jour (AAAA-MM-JJ)
console-column-person = Personne (telle qu'inscrite)
console-keys-title = Clés de signature
console-keys-did = L'identifiant du ministère (DID) :
console-keys-heading = Clés
console-keys-method = Méthode de vérification
console-keys-created = Créée (UTC)
console-key-state = { $state ->
        [signing] Signe les nouvelles attestations
        [published] Précédente : toujours publiée, ce qu'elle a signé se vérifie
       *[other] Retirée : n'est plus publiée
    }
console-keys-did-key = L'identifiant de ce ministère est un did:key : sa clé unique est l'identifiant lui-même, elle ne peut donc être ni remplacée ni retirée. Un ministère qui doit changer de clés utilise un did:web.
console-keys-rotate-heading = Remplacer la clé de signature
console-keys-rotate-about = Une nouvelle clé signe désormais. La clé actuelle reste dans le document DID : les attestations qu'elle a signées se vérifient toujours. Le changement est conservé dans la piste d'audit sous votre nom.
console-keys-rotate-confirm = Je confirme : créer une nouvelle clé de signature.
console-keys-rotate-button = Remplacer la clé
console-keys-retire-heading = Retirer une clé précédente
console-keys-retire-about = Ne retirez une clé que si elle a fuité : elle quitte le document DID, et toutes les attestations qu'elle a signées cessent de se vérifier dès que les vérificateurs relisent le document. C'est irréversible.
console-keys-retire-confirm = Je confirme : retirer { $method }; ce qu'elle a signé ne se vérifiera plus.
console-keys-retire-button = Retirer cette clé
console-keys-done = { $action ->
        [rotate] Une nouvelle clé de signature a été créée; la précédente reste publiée.
       *[other] La clé a été retirée.
    }
console-keys-confirm-missing = cochez la case pour confirmer le changement de clés
console-keys-method-missing = indiquez quelle clé retirer
console-issue-person-label = Personne (facultatif)

# Chiffres de l'écosystème des compétences (domain/figures.rs, `issuer figures`, POST /figures/releases).
figures-no-budget = le ministère { $department } n'a pas de budget de confidentialité pour { $period } : fixez-en un d'abord avec `issuer figures budget` ; rien n'a été publié
figures-budget-spent = le budget de confidentialité du ministère { $department } pour { $period } ne permet pas ε = { $epsilon } (ε restant : { $left }) ; rien n'a été publié
figures-release-not-found = la publication de chiffres { $id } de { $period }
cli-figures-released = chiffres de { $period } publiés (ε = { $epsilon }) à { $path }
cli-figures-budget-set = budget de confidentialité du ministère { $department } pour { $period } : ε = { $epsilon }
