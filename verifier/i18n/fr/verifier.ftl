# Messages du vérificateur : corps de problème et réponses du service, sa page Web, et sorties et
# erreurs de la commande `verifier` (son --help est tenu par bilingual-cli).

# Corps de problème du service (`detail_fr`), ServiceError.
problem-too-large = le corps de la requête dépasse la limite
problem-unavailable = { $what } : une dépendance est injoignable et la politique l'exige
problem-not-found = introuvable
problem-busy = trop de { $what } sont ouverts ; réessayez plus tard
problem-unauthorized = un jeton porteur valide est requis
problem-wrong-token = le jeton d'accès est absent ou n'est pas celui de ce service
problem-internal = une erreur interne s'est produite ; elle a été journalisée
problem-rate-limited = trop de requêtes de cette adresse : ralentissez

# Ce qui est injoignable, ou ce qui est plein (le `what` des problèmes ci-dessus).
dependency-status-list = liste de statuts
dependency-verification-task = tâche de vérification interrompue : { $error }
busy-challenges = défis

# Requêtes que le service ne peut pas lire (service.rs).
# `detail` est le message du cadriciel Web.
request-body-unreadable = corps de requête illisible : { $detail }
# `detail` est le message de l'analyseur JSON (en anglais) ; `line` et `column`, où il s'est arrêté.
request-not-json = le corps n'est pas du JSON valide (ligne { $line }, colonne { $column }) : { $detail }
document-url-not-utf8 = l'URL data: du document enveloppé ne se décode pas en UTF-8
document-not-sd-jwt = le document enveloppé n'est pas un SD-JWT
document-not-jwt-url = le document enveloppé n'est pas une URL data: de JWT
field-is-string = `{ $field }` doit être un objet JSON, pas une chaîne (un vc+jwt voyage dans une EnvelopedVerifiableCredential)
field-not-object = `{ $field }` doit être un objet JSON
field-missing = `{ $field }` est absent
credential-is-presentation = ceci est une présentation : utilisez /presentations/verify
challenge-required = options.challenge est requis : celui que votre demande de présentation a donné au titulaire, ou un défi obtenu par POST /challenges
require-status-option-not-boolean = options.requireStatus doit valoir true ou false
seconds-out-of-range = `{ $name }` doit être un nombre de secondes (0 à { $max })
requests-not-answered = ce vérificateur ne traite pas les demandes de présentation
expires-in-zero = `expires_in` doit valoir au moins 1 seconde
require-status-field-not-boolean = `require_status` doit valoir true ou false

# Pourquoi le défi d'une présentation n'est pas accepté (une entrée de `errors`).
challenge-expired = le défi a expiré
challenge-unknown-or-used = le défi n'a pas été émis par ce vérificateur, ou a déjà servi

# Le résultat de la réponse d'un portefeuille à une demande de présentation.
answer-declined = la personne a refusé de présenter ses attestations (le portefeuille a indiqué : « { $said } »)
answer-wallet-error = le portefeuille a répondu : « { $said } »
answer-vp-token-missing = la réponse n'a pas de vp_token
answer-status-unavailable = { $what } : illisible, et la politique l'exige
answer-not-checked = la présentation n'a pas pu être vérifiée
answer-holder-unknown = le présentateur est inconnu
answer-holders-differ = les présentations sont signées par des titulaires différents
answer-presentation-empty = la présentation pour « { $id } » ne contient aucune attestation
answer-credential-unreadable = la présentation pour « { $id } » contient autre chose qu'une attestation lisible

# Refus d'une lecture ou d'une réponse d'un portefeuille (oid4vp.rs : Refusal).
refusal-unknown = aucune demande de présentation de ce nom
refusal-expired = la demande de présentation a expiré
refusal-answered = la demande de présentation a déjà reçu une réponse
refusal-full = trop de demandes de présentation ouvertes : réessayez plus tard
refusal-state-mismatch = l'état ne correspond pas à la demande
vp-token-not-json = vp_token n'est pas du JSON (ligne { $line }, colonne { $column }) : { $detail }
vp-token-not-object = vp_token doit être un objet JSON dont les clés sont les identifiants de requête
vp-token-not-array = vp_token.{ $id } doit être un tableau non vide de présentations
vp-token-holds-credential = vp_token.{ $id } contient une attestation, pas une présentation signée par son titulaire
vp-token-holds-other = vp_token.{ $id } contient autre chose qu'une présentation
vp-token-too-many = plus de { $max } présentations

# Pour l'exploitant de `verifier serve`.
serve-listening = verifier à l'écoute sur { $url }
trust-registry-kept = registre précédent conservé

# Le registre des émetteurs reconnus (trust.rs).
# `detail` est le message de l'analyseur TOML (en anglais).

# Erreurs d'utilisation de `verifier verify` (run.rs).
usage-unreadable = lecture impossible de { $path } : { $reason }
usage-bad-pair = « { $value } » n'est pas de la forme { $expected }
usage-bad-url = « { $url } » n'est pas une URL
not-a-time = « { $time } » n'est pas une date et heure RFC 3339
usage-bad-did-document = le document DID { $path } est invalide : { $reason }
usage-bad-context = le fichier de contexte { $path } est invalide : { $reason }
# `detail` est le message du décodeur UTF-8 (en anglais).
context-not-utf8 = ce n'est pas du texte UTF-8 ({ $detail })
usage-nothing-found = aucun fichier d'attestation dans { $directory }
usage-threads = démarrage impossible des fils de travail : { $detail }
usage-output = écriture du rapport impossible : { $reason }
# Les paramètres fictifs des formes comme HÔTE=URL_DE_BASE.
placeholder-file = FICHIER
placeholder-host = HÔTE
placeholder-base-url = URL_DE_BASE

# Erreurs et sorties de la commande `verifier` (cli.rs).
program-error = verifier : erreur : { $detail }
cli-unwritable = écriture impossible de { $path } : { $reason }
cli-host-pair = « { $pair } » : attendu { $expected }
cli-bad-url = « { $url } » n'est pas une URL valide ({ $detail })
cli-listen-not-url = --listen { $listen } ne donne pas une URL valide ({ $detail })
cli-public-url-not-https = --public-url { $url } : les portefeuilles ne répondent qu'en https (http seulement sur cette machine)
cli-api-token-made = Aucun --api-token : les demandes de présentation exigent ce jeton (affiché une fois) :
# Le nom sous lequel ce vérificateur signe ses demandes (mêmes mots dans les deux langues pour l'instant).
cli-client-id = verifier: OpenID4VP client_id { $client_id }
cli-runtime = démarrage impossible de l'environnement d'exécution : { $reason }
cli-service-stopped = le service s'est arrêté : { $reason }
trust-check-trusted = reconnu ({ $name })
trust-check-not-trusted = non reconnu pour ce type

# Le rapport de `verifier verify` (render.rs).
report-valid = VALIDE
report-invalid = INVALIDE
# Une attestation dont la signature est bonne, d'un émetteur qu'aucun registre ne nomme (pas de
# --trust) : jamais dite valide ; `name` est le nom de l'émetteur tel que l'attestation le donne.
report-signed-by-stranger = signée, mais par un émetteur que vous n'avez pas déclaré digne de confiance ; le nom qu'il se donne est « { $name } »
report-signed-by-stranger-nameless = signée, mais par un émetteur que vous n'avez pas déclaré digne de confiance ; il ne se donne aucun nom
report-holds-stranger = signée, mais elle contient une attestation d'un émetteur que vous n'avez pas déclaré digne de confiance
report-self-declared = { $value } (le nom qu'il se donne)
report-format = format : { $format }
report-issuer = émetteur : { $issuer }
report-holder = titulaire : { $holder }
report-disclosed = éléments divulgués : { $claims }
report-disclosed-none = aucun
report-field = { $label } : { $value }
report-check-with-code = { $label } : { $reason } [{ $code }]
report-check-with-reason = { $label } : { $reason }
report-check-not-applicable = { $label } : sans objet
report-status = { $purpose } : { $state } ({ $list } #{ $index })
report-status-purpose =
    { $purpose ->
        [revocation] révocation
        [suspension] suspension
       *[other] { $purpose }
    }
report-status-state =
    { $state ->
        [active] active
        [revoked] révoquée
        [suspended] suspendue
        [set] activé
        [unknown] inconnu
       *[other] liste invalide
    }
report-credential-heading = attestation { $number }:
report-unreadable = ILLISIBLE: { $reason } [{ $code }]
report-summary = { $checked } vérifiées : { $valid } valides, { $invalid } invalides, { $unreadable } illisibles, { $untrusted } signées par un émetteur que vous n'avez pas déclaré digne de confiance

# La page Web (service/web.rs) : son cadre.
page-brand = Vérificateur d'attestations de talents
page-skip = Passer au contenu principal
page-language = Langue
# Le nom de l'autre langue, dans cette langue, pour la bascule.
page-other-language = English
page-footer = Vérifié sur ce serveur avec les clés publiques et les listes de statuts des émetteurs ; rien de ce que vous collez n'est conservé.
page-back = Retour au début
# Entre le nom d'une vérification et son résultat.
label-separator = {" : "}

# Les formulaires de la page.
home-title = Vérifier une attestation
check-heading = Vérifier une attestation reçue
check-document-label = Attestation (JSON, vc+jwt ou SD-JWT)
check-document-help = Collez-la ici, ou déposez un fichier dans cette zone. Elle est vérifiée puis oubliée.
check-file-label = Ou choisissez un fichier
check-submit = Vérifier
ask-heading = Demander une attestation à une personne
ask-kind-legend = De quoi avez-vous besoin ?
ask-kind-skill = Une attestation de compétence pour cette compétence
ask-kind-assignment = Une attestation d'affectation où cette compétence a servi
ask-skill-label = Compétence
ask-token-label = Jeton d'accès de ce service
ask-submit = Créer la demande
ask-unknown-skill = compétence inconnue
ask-unknown-kind = type d'attestation inconnu
# `detail` est le message du cadriciel Web (en anglais).
form-unreadable = le formulaire est illisible : un champ manque, ou ce n'est pas un formulaire HTML (application/x-www-form-urlencoded) ; détail : { $detail }
error-title = Cela n'a pas fonctionné

# Le résultat d'une attestation collée.
result-title = Résultat
result-valid = Résultat : valide
result-not-valid = Résultat : non valide
result-signed-by-stranger = Résultat : signée, mais par un émetteur que vous n'avez pas déclaré digne de confiance
result-not-checked = Impossible de vérifier ceci
result-presentation-pasted = ceci est une présentation : une présentation se vérifie quand elle répond à une demande (Demander une attestation à une personne), pas collée ; seul un fichier de profil de talents fait pour ce service (wallet profile export) s'affiche une fois collé
result-unavailable = { $what } : illisible
result-check-failed = la vérification a échoué
report-credential-valid = Attestation valide
report-credential-not-valid = Attestation non valide
report-presentation-valid = Présentation valide
report-presentation-not-valid = Présentation non valide
report-credential-signed-by-stranger = Attestation signée, mais par un émetteur que vous n'avez pas déclaré digne de confiance
report-presentation-holds-stranger = Présentation signée, mais elle contient une attestation d'un émetteur que vous n'avez pas déclaré digne de confiance
page-signed-by-stranger = Signée, mais par un émetteur que vous n'avez pas déclaré digne de confiance ; le nom qu'il se donne est « { $name } ».
page-signed-by-stranger-nameless = Signée, mais par un émetteur que vous n'avez pas déclaré digne de confiance ; il ne se donne aucun nom.
report-format-label = Format
report-issuer-label = Émetteur
report-holder-label = Titulaire
report-disclosed-label = Éléments que la personne a choisi de montrer
report-disclosed-none-beyond = aucun au-delà de ceux toujours visibles
outcome-passed = réussie
outcome-failed = échouée : { $reason } [{ $code }]
outcome-not-checked = non vérifiée : { $reason }
outcome-undetermined = inconnue : { $reason }
outcome-not-applicable = sans objet
outcome-unknown = inconnue

# Une demande lancée depuis la page, et la réponse.
ask-title = Demander une attestation
ask-show-code = Montrez ce code à la personne, ou envoyez-lui le lien. Son portefeuille lui montrera qui demande et pourquoi avant qu'elle réponde.
ask-qr-label = Code QR du lien de la demande
ask-open-in-wallet = Ouvrir la demande dans un portefeuille
ask-link-label = Lien de la demande
ask-check-now = Vérifier maintenant si la réponse est arrivée
ask-answer-arrived = La réponse est arrivée.
ask-waiting = En attente de la réponse de la personne…
ask-expired = Cette demande a expiré sans réponse.
answer-valid = La réponse est valide.
answer-not-valid = La réponse n'est pas valide.
answer-signed-by-stranger = La réponse est signée, mais une attestation qu'elle contient est d'un émetteur que vous n'avez pas déclaré digne de confiance.
answer-presented-by = Présentée par : { $holder }
answer-kind-label = Type
answer-status-label = Statut
answer-why = Pourquoi
# L'état d'une entrée de statut (le mot stable du résultat JSON).
page-status-state =
    { $state ->
        [active] actif
        [revoked] révoqué
        [suspended] suspendu
        [unknown] inconnu
        [invalid] invalide
        [set] positionné
       *[other] { $state }
    }

# The name wallets show for this verifier when `serve --name` / `--name-fr` are not given.
verifier-default-name = Vérificateur

# POST /presentations/verify with an options.requireHolderBinding that is not a boolean.
holder-binding-option-invalid = options.requireHolderBinding doit valoir true ou false

## The store (issue #22)
problem-store = la base de données du service est injoignable; réessayez plus tard
problem-too-many-open = ce jeton a déjà { $limit } demandes de présentation ouvertes : attendez les réponses ou leur expiration
problem-missing-scope = ce jeton ne permet pas cette action : il lui faut la portée « { $scope } »
store-database = erreur de base de données : { $reason }
store-migration = la base de données n'a pas pu être migrée : { $reason }
store-unreachable = le serveur de base de données { $server } n'a pas répondu en { $seconds } s ({ $reason }) : PostgreSQL y fonctionne-t-il, et l'URL de la base est-elle juste?
store-unsupported-url = URL de base de données non prise en charge « { $url } » : utilisez sqlite://… ou postgres://…
store-corrupt = une valeur enregistrée ne peut être relue : { $what }
problem-key-unusable = la clé de signature des demandes enregistrée dans la base de données est inutilisable (est-ce la clé maîtresse qui l'a scellée?) : { $reason }
cli-data-dir = impossible de créer le répertoire de données { $dir } : { $reason }
cli-store-failed = la base de données a échoué : { $reason }
cli-token-created = Jeton { $id } créé ({ $scopes }). Il est affiché ci-dessous une seule fois; seule son empreinte est conservée.
cli-token-live = actif
cli-token-revoked = révoqué
cli-token-unknown = aucun jeton actif n'a l'identifiant { $id } (voir verifier token list)
cli-token-revoked-now = Jeton { $id } révoqué.
cli-key-rotated = Nouvelle clé de signature des demandes : { $did }. Les répliques en marche signent avec elle après leur prochain démarrage; les demandes déjà signées restent vérifiables.
cli-requests-none = Aucune demande de présentation n'est ouverte.

## Le profil de talents (issue #23)
profile-not-object = le champ « profile » doit être un objet (skills, min_level, assignments)
profile-unknown-field = une demande de profil n'a pas de champ « { $field } » (skills, min_level, assignments)
profile-skills-not-strings = « profile.skills » doit être une liste de clés de compétences
profile-level-unknown = niveau inconnu « { $level } » : beginner, intermediate, advanced ou expert
profile-assignments-not-boolean = « profile.assignments » doit valoir true ou false
profile-too-many-skills = une demande de profil nomme au plus { $max } compétences
profile-skill-unknown = « { $skill } » n'est pas une compétence de la bibliothèque Talents numériques du GC
request-query-or-profile = envoyez « dcql_query » ou « profile », pas les deux
line-reason-carrier = La réponse qui la contenait a échoué dans son ensemble : { $why }
line-reason-revoked = Son émetteur l'a révoquée.
line-reason-suspended = Son émetteur l'a suspendue pour le moment.
line-reason-untrusted = Votre registre de confiance ne nomme pas son émetteur ({ $issuer }) pour ce type d'attestation.
line-reason-status-unknown = Sa liste de statuts n'a pas pu être lue : elle a peut-être été révoquée ou suspendue.
line-reason-not-kept = La réponse était trop volumineuse pour garder le détail de cette attestation.
line-verdict =
    { $verdict ->
        [verified] Vérifiée
        [revoked] Révoquée
        [suspended] Suspendue
        [expired] Expirée
        [untrusted] Émetteur non reconnu
        [invalid] Non valide
       *[other] Impossible à vérifier
    }
line-issued-by = Émise par
line-not-in-registry = absent de votre registre de confiance
line-calls-itself = absent de votre registre de confiance (il se nomme « { $name } »)
line-level = Niveau
line-evidence = Preuve
line-role = Rôle
line-team = Équipe
line-department = Ministère
line-dates = Dates
line-dates-range = du { $start } au { $end }
line-dates-current = depuis le { $start }
line-skills-used = Compétences utilisées
line-skill = Compétence
line-other = Une attestation d'un autre type
line-own-words = Dans ses propres mots (non vérifié)
line-own-words-kind = Les propres mots de la personne sur ses attestations
profile-title = Profil de talents
profile-checked-at = Statuts vérifiés à { $time } UTC.
profile-summary =
    { $total ->
        [one] { $verified } ligne vérifiée sur 1.
       *[other] { $verified } lignes vérifiées sur { $total }.
    }
profile-skills-heading = Compétences
profile-assignments-heading = Affectations
profile-other-heading = Autres attestations
profile-no-skills = Aucune attestation de compétence dans cette réponse.
profile-no-assignments = Aucune attestation d'affectation dans cette réponse.
profile-issuers =
    { $count ->
        [0] Aucun émetteur vérifié
        [one] Un émetteur vérifié
       *[other] { $count } émetteurs indépendants vérifiés
    }
profile-pending = La personne n'a pas encore répondu.
profile-last-failed = La dernière réponse n'a pas réussi toutes les vérifications (voir plus bas); la personne peut répondre de nouveau.
profile-json = Ce profil en JSON
profile-open = Ouvrir le profil de talents
profile-ask-heading = Demander un profil de talents
profile-ask-help = La personne choisit lesquelles de ses attestations de compétence et d'affectation partager, dans le format où elle les détient.
profile-search-label = Trouver des compétences par leur nom
profile-search-submit = Trouver
profile-search-none = Aucune compétence ne correspond à « { $query } ».
profile-search-found =
    { $count ->
        [one] Une compétence correspond à « { $query } ».
       *[other] { $count } compétences correspondent à « { $query } ».
    }
profile-skills-label = Compétences recherchées (aucune choisie : toutes)
profile-skills-help = Les compétences sont groupées par famille. Maintenez Ctrl (⌘ sur un Mac) pour en choisir plusieurs.
profile-level-label = Niveau minimal
profile-level-any = Tout niveau
profile-assignments-label = Demander aussi les affectations (parcours professionnel)
profile-ask-submit = Demander un profil de talents
profile-blind-label = Premier examen à l'aveugle : masquer le nom et les identifiants de la personne jusqu'à ce que je les dévoile
profile-blind-help = Examinez les seules compétences vérifiées : le nom, les identifiants et les textes de preuve de la personne restent masqués jusqu'à ce que vous appuyiez sur « Dévoiler », ce qui est consigné.
profile-check-again = Vérifier de nouveau maintenant
profile-check-again-help = Relit les listes de statuts de ces attestations (chaque liste au plus une fois par minute) pour trouver celles révoquées ou suspendues depuis.
blind-notice = Vue à l'aveugle : le nom et les identifiants de la personne, et les textes de preuve qui pourraient la nommer, sont masqués pour que ce premier examen porte sur les seules compétences vérifiées.
blind-reveal-help = Le dévoilement est consigné, avec l'heure, et ne peut pas être annulé.
blind-reveal = Dévoiler le nom et les identifiants de la personne
blind-revealed-at = Nom et identifiants dévoilés à { $time } UTC.
blind-hidden-value = [masqué]
blind-evidence-hidden =
    { $count ->
        [one] Un texte de preuve, masqué jusqu'à ce que vous dévoiliez la personne (il pourrait la nommer).
       *[other] { $count } textes de preuve, masqués jusqu'à ce que vous dévoiliez la personne (ils pourraient la nommer).
    }
blind-own-words-hidden =
    { $count ->
        [one] Un texte dans les propres mots de la personne, masqué jusqu'à ce que vous la dévoiliez (il pourrait la nommer).
       *[other] { $count } textes dans les propres mots de la personne, masqués jusqu'à ce que vous la dévoiliez (ils pourraient la nommer).
    }
request-name-blind-not-boolean = le champ « name_blind » doit valoir true ou false
ask-last-failed = La dernière réponse n'a pas réussi les vérifications (raisons plus bas). La personne peut réessayer avec le même code ou le même lien.
skill-family-other = Autres compétences

## Le répertoire des talents (billet 23, point 6)
directory-consent = En envoyant cette réponse, vous publiez vos compétences et affectations vérifiées dans le répertoire des talents de { $name } pour { $days } jours : les gestionnaires qui ont un accès au répertoire pourront vous trouver par compétence vérifiée et lire ce profil. Vous pouvez le retirer à tout moment ; il est alors supprimé sur-le-champ.
directory-publish-title = Publier mon profil dans le répertoire des talents
directory-publish-show-code = Lisez ce code avec votre portefeuille, ou ouvrez le lien : votre portefeuille affiche le texte ci-dessus avant tout envoi.
directory-withdraw-how = Pour retirer votre profil à tout moment : wallet profile withdraw --directory { $url } (il envoie une présentation signée avec la même clé de portefeuille, sur un défi de { $url }/challenges, à { $url }/directory/withdraw).
directory-family-unknown = famille de compétences inconnue : { $family }
directory-months-invalid = recent_months doit être un nombre entier de mois, de 1 à 600
directory-challenge-not-ours = le défi doit venir de POST /challenges de ce vérificateur
directory-withdraw-not-verified = la présentation ne prouve pas la maîtrise de la clé du titulaire : { $reason }
directory-withdraw-no-holder = la présentation ne nomme aucun titulaire
directory-search-title = Chercher dans le répertoire des talents
directory-search-intro = Les personnes inscrites ici ont publié elles-mêmes leur profil vérifié. Les résultats sont classés selon la correspondance de leurs compétences vérifiées, jamais par nom.
directory-search-skill = Compétence
directory-search-level = Niveau minimal
directory-search-recent = Affectation au cours des derniers mois
directory-search-button = Chercher
directory-search-found = { $count ->
    [one] Un profil trouvé
   *[other] { $count } profils trouvés
}

# A talent profile file pasted on the page (src/domain/profile/file.rs, src/http/web/check.rs).
profile-file-not-shown = Fichier de profil non affiché
profile-file-refused = Ce fichier de profil est refusé : { $reason }.
profile-file-other-audience = il a été fait pour { $audience }, pas pour ce service ({ $ours }) ; demandez à la personne un fichier fait pour { $ours }
profile-file-expired = il a expiré le { $at } ; demandez-en un nouveau à la personne
profile-file-no-identity = ce service n'a pas d'adresse publique à laquelle comparer le destinataire du fichier
profile-file-audience-checked = Fichier de profil fait pour { $audience } : ce service, vérifié.
profile-file-valid-until = Son titulaire l'a signé jusqu'au { $expires } ; il est refusé ensuite.

# `verifier figures combine` (domain/figures.rs, cli/figures.rs).
figures-altered = la publication ne se vérifie pas (modifiée après sa signature ?) : { $reason }
figures-not-verified = la publication ne se vérifie pas
figures-not-a-release = ce n'est pas une FiguresCredential avec des chiffres
figures-unreadable = les chiffres de la publication sont illisibles : { $detail }
figures-source-not-signer = la publication nomme { $source } comme source, mais a été signée par { $issuer }
figures-fetch-failed = impossible de lire { $source } : { $reason }
figures-combined = combinée : { $source } ({ $period }, ε = { $epsilon })
figures-untrusted = non fiable, laissée de côté : { $source } (l'émetteur { $issuer } n'est pas au registre de confiance pour FiguresCredential)
figures-untrusted-included = non fiable, incluse comme demandé : { $source } (émetteur { $issuer })
figures-refused = refusée : { $source } : { $reason }
figures-written = chiffres combinés écrits dans { $dir }

# La page des chiffres (http/web/figures_page.rs).
figures-page-title = Chiffres de l'écosystème des compétences
figures-page-intro = Des nombres de personnes, publiés par les ministères avec confidentialité différentielle et additionnés ici. Chaque nombre porte un bruit aléatoire qui protège chaque personne ; un chiffre qu'un ministère n'a pas publié était trop petit pour être montré, il n'est pas nul.
figures-page-empty = Aucun chiffre à montrer pour l'instant : combinez les publications des ministères avec `verifier figures combine URL… --out DOSSIER` et lancez le service avec `--figures DOSSIER`.
figures-chart-top-skills = Compétences les plus attestées
figures-chart-levels = Compétences attestées par niveau
figures-chart-families = Compétences utilisées dans les affectations, par famille
figures-chart-quarters = Compétences attestées par trimestre
figures-table-caption = Les chiffres du graphique « { $chart } »
figures-col-skill = Compétence
figures-col-level = Niveau
figures-col-family = Famille de compétences
figures-col-quarter = Trimestre
figures-col-count = Personnes (nombre bruité)
figures-sources-heading = Sources
figures-sources-caption = Chaque publication lue, avec sa période et sa perte de confidentialité ε
figures-col-source = Source
figures-col-epsilon = ε
figures-col-status = État
figures-status-combined = combinée
figures-status-combined-untrusted = combinée, bien qu'absente du registre de confiance
figures-status-untrusted-left-out = laissée de côté : absente du registre de confiance
figures-status-refused = refusée : elle ne se vérifie pas
demand-no-budget = aucun budget de confidentialité pour { $period } : fixez-en un d'abord avec `verifier figures budget` ; rien n'a été publié
demand-budget-spent = le budget de confidentialité pour { $period } ne permet pas ε = { $epsilon } (ε restant : { $left }) ; rien n'a été publié
demand-sign-failed = la publication de la demande n'a pas pu être signée : { $detail }
demand-released = chiffres de la demande de { $period } publiés (ε = { $epsilon })
demand-budget-set = budget de confidentialité pour { $period } : ε = { $epsilon }
figures-chart-demand = Compétences demandées dans les requêtes (demande)
figures-chart-flows = Attestations acceptées entre organisations (émetteur → vérificateur)
figures-chart-accepted-skills = Compétences des attestations acceptées dans des réponses vérifiées
figures-chart-supply-demand = Offre et demande par famille de compétences
figures-supply-demand-legend = Barre du haut (bleu foncé) : personnes attestées dans les compétences de la famille (offre). Barre du bas (brun) : requêtes demandant ces compétences (demande). Chaque barre suit l'échelle de son propre type; le tableau donne les nombres.
figures-col-requests = Requêtes (nombre bruité)
figures-col-answers = Réponses vérifiées (nombre bruité)
figures-col-flow = De l'émetteur → au vérificateur
figures-col-supply = Personnes attestées (offre, bruité)
figures-col-demand = Requêtes qui demandent (demande, bruité)
