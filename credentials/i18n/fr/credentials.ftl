# Messages de la caisse credentials : pourquoi une attestation, une présentation, une liste de
# statuts ou une demande est refusée, et les lignes d'un rapport de vérification.

## error.rs : InputError, les octets reçus ne se lisent même pas comme une attestation.
input-too-large = l'entrée fait { $size } octets, au-delà de la limite de { $limit } octets
input-empty = l'entrée est vide
input-not-json = l'entrée n'est ni du JSON ni un JWT compact ({ $detail })
input-unreadable = lecture impossible de { $path } : { $reason }
input-too-deep = le JSON est imbriqué sur plus de { $limit } niveaux
input-not-an-object = un objet JSON était attendu, trouvé : { $found }
input-unknown-document-type = ni une attestation ni une présentation (le type doit inclure VerifiableCredential ou VerifiablePresentation)
input-missing-field = le champ obligatoire `{ $field }` est absent
input-invalid-field = le champ `{ $field }` est invalide : { $reason }
input-not-a-term = `{ $key }` n'est pas un terme des contextes de l'attestation : les IRI complets ou compacts et les mots-clés JSON-LD ne sont pas acceptés comme noms de propriété
input-blank-node-id = l'identifiant de nœud anonyme `{ $id }` n'est pas accepté
input-too-many = { $what } : { $count }, plus que les { $limit } acceptés
input-nested-context = `@context` n'est accepté qu'en tête d'un document, de chaque attestation qu'une présentation porte et de chaque preuve (une attestation imbriquée ailleurs nomme ses contextes par leur URL)

## input.rs : pourquoi l'entrée n'est pas du JSON (en anglais, les mots de l'analyseur).
input-not-utf8 = UTF-8 invalide à l'octet { $offset }
input-json-invalid-at = JSON invalide à la ligne { $line }, colonne { $column }

## error.rs : ContextError, le `@context` JSON-LD ne peut pas être traité sans risque.
context-missing = `@context` est absent
context-wrong-first = le premier `@context` doit être { $expected }, trouvé : { $found }
context-not-bundled = le contexte { $url } n'est pas inclus dans ce programme et n'est jamais téléchargé
context-invalid-entry = les entrées de `@context` doivent être des URL, ou des objets après la première entrée
context-keyword-alias = le contexte en ligne fait de `{ $term }` un second nom de `{ $keyword }` : les vérifications ne lisent `{ $keyword }` que sous son nom habituel
context-term-redefined = le contexte en ligne redéfinit `{ $term }`, qu'un contexte inclus définit déjà : les vérifications le lisent comme le dit le contexte inclus
context-second-name = le contexte en ligne fait de `{ $term }` un second nom de { $iri }, que les contextes inclus appellent `{ $bundled }` : les vérifications ne le lisent que sous ce nom
context-inline-prefix = le contexte en ligne définit `{ $term }` comme préfixe, ce qui changerait le sens des identifiants écrits `{ $term }:…`
context-inline-keyword = `{ $keyword }` n'est pas accepté dans un contexte en ligne
context-inline-vocab = le `@vocab` en ligne { $vocab } donnerait à `{ $name }` le sens de ce que les contextes inclus appellent `{ $bundled }`
context-data-loss = `{ $term }` n'est défini par aucun des contextes du document : il ne serait pas signé (perte de données)
context-too-ambiguous = la canonicalisation RDF de ce document demanderait { $count } { $what ->
        [steps] étapes de degré N
       *[linked] nœuds anonymes liés
    } (limite : { $limit }) : trop de nœuds anonymes impossibles à distinguer
context-json-ld = le traitement JSON-LD a échoué : { $detail }
# contexts.rs : le chargeur JSON-LD a demandé un contexte qu'il n'a pas (dans le message d'erreur,
# en anglais, de la bibliothèque JSON-LD).
context-loader-not-bundled = le contexte n'est pas inclus

## envelope.rs : pourquoi une enveloppe VCDM 2.0 (EnvelopedVerifiableCredential, EnvelopedVerifiablePresentation) est refusée.
envelope-context = une enveloppe { $envelope } doit avoir un `@context` qui inclut https://www.w3.org/ns/credentials/v2
envelope-not-data-url = l'`id` d'une enveloppe doit être une URL `data:` portant le document sécurisé
envelope-media-type = `{ $media_type }` n'est pas un type de média qu'une enveloppe { $envelope } porte (un JWT ou un SD-JWT de son genre)
envelope-not-utf8 = le contenu de l'URL `data:` n'est pas du texte UTF-8
envelope-not-base64 = l'URL `data:` annonce du base64, mais son contenu n'en est pas
envelope-payload = le contenu de l'URL `data:` n'est pas un document { $media_type }

## error.rs : ProofError, une preuve manque, est mal formée ou ne correspond pas au document et à la clé.
proof-none = le document n'a aucune preuve
proof-unsupported-type = le type de preuve `{ $proof_type }` n'est pas pris en charge
proof-unknown-cryptosuite = la suite cryptographique `{ $suite }` n'est pas prise en charge
proof-missing-field = le champ de preuve `{ $field }` est absent
proof-invalid-field = le champ de preuve `{ $field }` est invalide : { $reason }
proof-bad-value = la valeur proofValue n'est pas valide : { $reason }
proof-signature-mismatch = la signature ne correspond pas au document et à la clé : l'attestation a été modifiée ou signée par une autre clé
proof-wrong-purpose = le but de la preuve est `{ $found }` alors que `{ $expected }` est requis
proof-method-not-authorized = la clé { $method } n'est pas autorisée pour { $purpose } par son document DID
proof-previous-missing = previousProof `{ $id }` ne désigne aucune preuve de ce document
proof-previous-invalid = la preuve entérine la preuve précédente `{ $id }`, qui n'est pas valide : { $reason }
proof-signer-not-issuer = la preuve a été faite par { $signer }, qui n'est pas l'émetteur { $issuer }
proof-expired = la preuve a expiré le { $at }
proof-holder-not-subject = la présentation a été signée par { $holder }, qui n'est pas le sujet de chaque attestation qu'elle contient
proof-challenge-mismatch = le champ { $field } de la présentation vaut { $found }, { $expected } était attendu : elle a été faite pour une autre demande
proof-presentation-required = un défi a été donné : une présentation signée par le titulaire est requise, pas une attestation seule
proof-audience-not-given = la présentation a été faite pour { $domain } seulement : dites pour quel destinataire vous la vérifiez (--audience { $domain } si vous êtes ce destinataire)
proof-presentation-too-old = la présentation a été signée le { $signed }, il y a plus de { $max_seconds } secondes : demandez-en une nouvelle au titulaire
proof-presentation-from-future = la présentation se dit signée dans le futur ({ $at })
proof-presentation-undated = la présentation n'indique pas quand elle a été signée, et cette demande en limite l'âge
proof-too-many = { $count } preuves, plus que les { $limit } acceptées

## proof/data_integrity.rs : pourquoi un champ d'une preuve Data Integrity est invalide.
data-integrity-must-be-string = doit être une chaîne
data-integrity-not-a-date = ce n'est pas une date et heure RFC 3339 ({ $detail })
data-integrity-must-be-object = doit être un objet
data-integrity-must-be-string-or-array = doit être une chaîne ou un tableau
data-integrity-context-mismatch = ne correspond pas au @context du document

## error.rs : DidError, un DID n'a pas pu être résolu en une clé utilisable.
did-invalid = `{ $did }` n'est pas un DID valide
did-unsupported-method = la méthode DID `{ $method }` n'est pas prise en charge
did-offline = did:web n'est pas résolu hors ligne : ajoutez --online ou fournissez le document DID avec --did-document
did-address-refused = connexion à { $host } refusée : l'adresse { $address } est privée, locale ou de bouclage
did-document-too-large = le document DID dépasse { $limit } octets
did-fetch = le téléchargement du document DID a échoué : { $detail }
did-invalid-document = le document DID est invalide : { $detail }
did-method-not-found = la clé { $method } ne figure pas dans le document DID
did-unsupported-key = la clé n'est pas une clé Ed25519 : { $detail }

## error.rs : JoseError, un `vc+jwt` est mal formé ou utilise un en-tête refusé.
jose-malformed = pas un JWS compact : { $detail }
jose-algorithm-refused = l'algorithme JWT `{ $alg }` est refusé : seul EdDSA avec une clé Ed25519 est accepté
jose-wrong-type = l'en-tête JWT `typ` vaut `{ $found }`, `{ $expected }` était attendu
jose-missing-kid = l'en-tête JWT n'a pas de `kid` désignant la clé
jose-kid-not-issuer = la clé JWT { $kid } n'appartient pas à l'émetteur { $issuer }
jose-signature-invalid = la signature JWT est invalide : l'attestation a été modifiée ou signée par une autre clé
jose-library = le traitement JWT a échoué : { $detail }

## jose.rs : pourquoi un JWS compact est mal formé (`part` : header, payload ou segment).
jose-three-parts = trois parties séparées par des points étaient attendues
jose-refused-header-parameters = les paramètres d'en-tête crit, jwk, jku, x5u et x5c ne sont pas acceptés
jose-refused-header-parameters-did = les paramètres d'en-tête crit, jku, x5u et x5c ne sont pas acceptés
jose-part-not-base64 = { $part ->
        [header] l'en-tête
        [payload] le contenu
       *[other] { $part }
    } n'est pas en base64url : { $detail }
jose-part-not-json = { $part ->
        [header] l'en-tête
        [payload] le contenu
       *[other] { $part }
    } n'est pas du JSON : { $detail }
jose-sd-jwt-not-jws = un SD-JWT (avec des `~`) n'est pas un JWS compact
jose-header-not-object = l'en-tête n'est pas un objet JSON

## error.rs : ValidityError, la période de validité écarte l'attestation.
validity-invalid-date = `{ $field }` n'est pas une date et heure avec fuseau horaire : { $value }
validity-until-before-from = validUntil ({ $until }) précède validFrom ({ $from })
validity-expired = expirée le { $at }
validity-not-yet-valid = pas valide avant le { $at }

## error.rs : SignerError, et sd_jwt.rs quand un JWT n'a pas pu être signé.
signer-failed = la signature a échoué : { $detail }
signer-unavailable = la clé de signature est indisponible pour le moment : { $detail }

## error.rs : StatusError, révocation ou suspension, ou pourquoi un statut n'a pas pu être lu.
status-revoked = l'émetteur a révoqué cette attestation
status-suspended = l'émetteur a suspendu cette attestation
status-entry-malformed = l'entrée credentialStatus est mal formée : { $detail }
status-unsupported = ce type de statut n'est pas pris en charge : { $detail }
status-retrieval = statut inconnu : la liste de statuts { $url } n'a pas pu être obtenue ({ $detail })
status-list-invalid = { $url } n'est pas une attestation de liste de statuts valide ({ $reason })
status-list-proof = la signature de la liste de statuts n'est pas valide ({ $code })
status-list-issuer-mismatch = la liste de statuts est émise par { $list } et non par l'émetteur de l'attestation, { $credential }
status-list-expired = la liste de statuts a expiré le { $at }
status-list-not-yet-valid = la liste de statuts n'est pas valide avant le { $at }
status-purpose-mismatch = la liste de statuts sert à « { $list } », mais l'entrée à « { $entry } »
status-encoding = les bits de la liste de statuts sont illisibles : { $detail }
status-too-large = la liste de statuts dépasse { $limit } octets une fois décompressée : refusée
status-too-short = la liste de statuts a { $entries } entrées, moins que les { $minimum } requises pour la confidentialité
status-index-out-of-range = l'index de statut { $index } est hors de la liste de { $entries } entrées

## status/entry.rs : pourquoi une entrée credentialStatus ne peut pas être lue.
status-entry-too-many = { $count } entrées credentialStatus, plus que les { $limit } lues
status-entry-not-object = ce n'est pas un objet
status-entry-type = credentialStatus de type { $types }
status-entry-not-string = « { $name } » doit être une chaîne
status-entry-index-not-integer = statusListIndex « { $index } » n'est pas un entier en base 10
status-entry-index-too-large = statusListIndex « { $index } » est trop grand
status-entry-list-not-url = statusListCredential « { $list } » n'est pas une URL : { $detail }
status-entry-size = statusSize { $size } (seule la valeur 1 est prise en charge)

## status/token.rs : pourquoi la référence d'un Status List Token ou son `lst` ne peut pas être lu.
status-token-no-list = la revendication status ne nomme aucune status_list
status-token-index = status_list.idx n'est pas un entier positif ou nul
status-token-uri-not-string = status_list.uri n'est pas une chaîne
status-token-uri-not-url = status_list.uri n'est pas une URL : { $detail }
status-token-not-base64 = lst n'est pas du base64url sans remplissage : { $detail }
status-token-not-zlib = lst n'est pas du zlib : { $detail }

## status/bitstring.rs : pourquoi un encodedList ne peut pas être lu.
status-bitstring-prefix = le préfixe multibase doit être « u » (base64url)
status-bitstring-not-base64 = encodedList n'est pas du base64url sans remplissage : { $detail }
status-bitstring-not-gzip = encodedList n'est pas du GZIP : { $detail }

## status/mod.rs : pourquoi une liste de statuts n'a pas pu être obtenue.
status-fetch-not-url = ce n'est pas une URL : { $detail }
status-fetch-not-given = aucune liste de ce nom n'a été fournie
status-fetch-not-modified-uncached = 304 sans copie en cache

## verify.rs : pourquoi la structure d'un document ou une valeur de statut est refusée.
verify-status-value = la valeur de statut { $value } n'a pas de sens ici
verify-embedded-presentation = contient une présentation, pas une attestation
verify-both-types = ne peut être à la fois VerifiableCredential et VerifiablePresentation
verify-type-missing = doit comprendre { $required }
verify-issuer-shape = doit être une URL ou un objet dont l'`id` est une URL
verify-issuer-not-url = « { $id } » n'est pas une URL
verify-subject-empty = doit être un objet non vide
# Un schéma qui n'a pas pu être appliqué (en anglais, les mots de la caisse schemas).
verify-schema-not-applied = le schéma n'a pas pu être appliqué

## verify/data_model.rs : pourquoi une propriété facultative enfreint une exigence du modèle de données VC 2.0 (après « le champ `x` est invalide : »).
data-model-not-objects = il doit s'agir d'un objet ou d'une liste d'objets
data-model-type-missing = l'entrée { $position } n'a pas de `type`, que le modèle de données exige
data-model-schema-id = l'`id` de l'entrée { $position } ({ $id }) doit être l'URL du schéma
data-model-entry-id = l'`id` de l'entrée { $position } ({ $id }) doit être une URL
data-model-related-id = l'entrée { $position } doit avoir un `id` : l'URL de la ressource
data-model-related-repeated = la ressource { $id } est citée plus d'une fois
data-model-related-digest = l'entrée { $position } doit avoir un `digestSRI` ou un `digestMultibase`
data-model-language-text = il doit s'agir d'une chaîne ou d'un objet de valeur linguistique (`@value`, avec `@language` une étiquette de langue et `@direction` ltr ou rtl), ou d'une liste de ceux-ci

## error.rs : SdJwtError, un SD-JWT est refusé avec la règle de la RFC 9901 qu'il enfreint.
sd-jwt-malformed = pas un SD-JWT : { $detail }
sd-jwt-disclosure-malformed = une divulgation est mal formée : { $detail }
sd-jwt-duplicate-disclosure = la même divulgation est envoyée deux fois
sd-jwt-duplicate-digest = une empreinte figure plus d'une fois dans le contenu signé
sd-jwt-unreferenced-disclosure = une divulgation ne correspond à rien de ce que l'émetteur a signé : elle a été modifiée ou vient d'une autre attestation
sd-jwt-claim-collision = l'élément divulgué `{ $name }` existe déjà dans l'attestation
sd-jwt-reserved-name = `{ $name }` ne peut pas être le nom d'un élément divulgué
sd-jwt-list-item-for-member = une divulgation d'élément de liste est utilisée à la place d'un élément nommé
sd-jwt-member-for-list-item = une divulgation d'élément nommé est utilisée à la place d'un élément de liste
sd-jwt-unsupported-alg = l'algorithme d'empreinte `{ $alg }` n'est pas pris en charge : seul sha-256 l'est
sd-jwt-too-many-disclosures = { $count } divulgations, au-delà des { $limit } acceptées
sd-jwt-too-deep = les éléments divulgués sont imbriqués sur plus de { $limit } niveaux
sd-jwt-not-disclosable = `{ $path }` n'est pas un élément de cette attestation qui peut être divulgué
sd-jwt-bad-path = `{ $path }` n'est pas un chemin d'élément (noms séparés par des points, nombres pour les éléments de liste)
sd-jwt-issuer-signature = la signature de l'émetteur est invalide : l'attestation a été modifiée ou signée par une autre clé
sd-jwt-key-binding-missing = une preuve de possession est exigée et la présentation n'a pas de JWT de liaison de clé
sd-jwt-key-binding-malformed = le JWT de liaison de clé est mal formé : { $detail }
sd-jwt-key-binding-signature = le JWT de liaison de clé n'est pas signé par la clé à laquelle l'attestation a été délivrée
sd-jwt-key-binding-nonce = le JWT de liaison de clé répond à une autre demande (nonce différent)
sd-jwt-key-binding-audience = le JWT de liaison de clé est adressé à un autre vérificateur (audience différente)
sd-jwt-key-binding-sd-hash = le JWT de liaison de clé ne couvre pas ce qui a été présenté (sd_hash différent)
sd-jwt-key-binding-too-old = le JWT de liaison de clé est plus ancien que ce que ce vérificateur accepte
sd-jwt-key-binding-from-future = le JWT de liaison de clé est daté dans le futur
sd-jwt-must-be-visible = l'émetteur a rendu `{ $name }` masquable, mais un SD-JWT VC doit toujours le montrer
sd-jwt-no-confirmation-key = l'attestation n'a pas de clé de titulaire utilisable (cnf) : { $detail }

## sd_jwt.rs : pourquoi un SD-JWT, une divulgation ou un JWT de liaison de clé est mal formé.
sd-jwt-disclosure-not-base64 = pas en base64url sans remplissage
sd-jwt-disclosure-not-array = pas un tableau JSON
sd-jwt-disclosure-salt = le sel n'est pas une chaîne
sd-jwt-disclosure-name = le nom de l'élément n'est pas une chaîne
sd-jwt-disclosure-length = pas un tableau de deux ou trois éléments
sd-jwt-no-separator = aucun séparateur `~`
sd-jwt-empty-disclosure = une divulgation vide entre deux `~`
sd-jwt-issuer-part = la partie signée par l'émetteur n'est pas un JWS compact
sd-jwt-sd-not-array = `_sd` n'est pas un tableau
sd-jwt-sd-entry = une entrée de `_sd` n'est pas une chaîne
sd-jwt-array-digest = une empreinte de tableau n'est pas une chaîne
sd-jwt-already-bound = a déjà un JWT de liaison de clé
sd-jwt-key-binding-type = typ doit valoir { $expected }
sd-jwt-key-binding-crit = l'en-tête crit n'est pas accepté
sd-jwt-key-binding-claim-missing = `{ $name }` est absent

## sd_jwt_vc.rs : pourquoi la clé du titulaire (cnf) est inutilisable. Les deux premiers messages
## sont pour les lecteurs francophones (en anglais, les mots de la bibliothèque JOSE).
sd-jwt-vc-jwk-unreadable = JWK illisible
sd-jwt-vc-p256-unusable = clé P-256 inutilisable
sd-jwt-vc-no-jwk = aucun cnf.jwk
sd-jwt-vc-private-key = le JWK contient une clé privée
sd-jwt-vc-key-unsupported = le type de clé { $kty } sur la courbe { $crv } n'est pas pris en charge

## net.rs : pourquoi une requête n'a rien rapporté.
net-address-refused = refus de contacter { $host } : son adresse est { $address }
net-too-large = la réponse dépasse { $limit } octets
net-failed = la requête a échoué : { $detail }

## dcql.rs : pourquoi une requête DCQL est inutilisable, ou une réponse ne la satisfait pas.
dcql-invalid = la requête n'est pas du DCQL valide : { $detail }
dcql-unsupported-format = la requête demande le format `{ $format }`, non pris en charge (ldp_vc, jwt_vc_json, dc+sd-jwt)
dcql-missing = la réponse ne contient rien pour l'attestation requise `{ $id }`
dcql-not-multiple = la réponse contient plusieurs attestations pour `{ $id }`, qui n'en demande qu'une
dcql-unrequested = la réponse nomme `{ $id }`, que la requête ne demande pas
dcql-no-match = l'attestation donnée pour `{ $id }` ne correspond pas à la demande (format, type ou valeurs des champs)
dcql-too-large = la requête dépasse { $limit } octets
dcql-credentials-count = `credentials` doit contenir de 1 à { $max } requêtes
dcql-bad-id = `{ $id }` n'est pas un identifiant de requête valide (lettres, chiffres, _ et -)
dcql-id-twice = l'identifiant de requête `{ $id }` est employé deux fois
dcql-vct-values = `{ $id }` : une requête dc+sd-jwt nomme de 1 à { $max } meta.vct_values (et pas de type_values)
dcql-vct-values-not-sd-jwt = `{ $id }` : meta.vct_values est réservé aux requêtes dc+sd-jwt
dcql-type-values = `{ $id }` : meta.type_values doit contenir de 1 à { $max } tableaux de 1 à { $max } IRI
dcql-claims-count = `{ $id }` : claims doit contenir de 1 à { $max } éléments
dcql-claim-path = `{ $id }` : un chemin contient de 1 à { $max } chaînes, entiers positifs ou null
dcql-claim-values = `{ $id }` : values doit contenir de 1 à { $max } chaînes, nombres ou booléens
dcql-claim-id = `{ $id }` : l'identifiant de champ `{ $claim }` est invalide ou employé deux fois
dcql-claim-sets = `{ $id }` : claim_sets doit contenir de 1 à { $max } ensembles d'identifiants définis dans claims
dcql-credential-sets = credential_sets doit contenir de 1 à { $max } ensembles d'options non vides nommant des requêtes

## oid4vp.rs : pourquoi un objet de demande OpenID4VP ou un lien n'est pas accepté.
oid4vp-signature = la signature de la demande ne tient pas : { $reason }
oid4vp-malformed = l'objet de demande n'est pas valide : { $detail }
oid4vp-not-decentralized = le vérificateur `{ $id }` n'est pas identifié par un DID (decentralized_identifier:…)
oid4vp-signer-not-client = la demande a été signée par { $signer }, pas par le vérificateur { $client_id } qu'elle nomme
oid4vp-client-mismatch = le lien nomme le vérificateur { $link }, la demande signée { $signed }
oid4vp-unsupported = `{ $field }` vaut `{ $found }` ; seul `{ $expected }` est pris en charge
oid4vp-expired = la demande a expiré le { $at }
oid4vp-empty-nonce = le nonce est vide
oid4vp-exp-out-of-range = exp est hors limites
oid4vp-iat-in-future = iat est dans le futur
oid4vp-not-a-link = ce n'est ni un lien openid4vp:// ni une URL https
oid4vp-by-value = les demandes par valeur ne sont pas acceptées : utilisez request_uri
oid4vp-no-request-uri = le lien n'a pas de request_uri

## report.rs : l'intitulé de chaque vérification d'un rapport.
report-check-structure = structure
report-check-proof = signature
report-check-issuer-binding = signée par l'émetteur
report-check-holder-signed = signée par le titulaire
report-check-validity = dates de validité
report-check-schema = schéma
report-check-status = statut de révocation
report-check-holder-binding = présentée par son titulaire
report-check-challenge = défi et domaine
report-check-trusted-issuer = émetteur reconnu pour cette attestation
report-check-presentation-age = présentée récemment

## report.rs : pourquoi une vérification a échoué ou n'a pas été faite.
report-not-trusted = la signature est valide, mais { $issuer } ne figure pas au registre de ce vérificateur pour { $types }
report-schema-mismatch = ne respecte pas son schéma : { $violations }
report-schema-violation = { $pointer } ({ $message })
report-schema-separator = {" ; "}
report-status-offline = non vérifié hors ligne : la révocation et la suspension se lisent en ligne dans la liste de statuts de l'émetteur (verifier verify --online)
report-earlier-failure = non vérifié parce qu'une vérification précédente a échoué

## error.rs : une lecture JSON qui échoue, par genre d'erreur (en anglais, les mots de serde).
json-data = un champ manque, est inconnu ou n'a pas le bon type
json-data-at = un champ manque, est inconnu ou n'a pas le bon type (ligne { $line }, colonne { $column })
json-eof = JSON incomplet
json-eof-at = JSON incomplet (ligne { $line }, colonne { $column })
json-syntax = JSON invalide
json-syntax-at = JSON invalide (ligne { $line }, colonne { $column })
# dcql.rs et oid4vp.rs : du JSON bien formé qui n'a pas la forme attendue.
json-structure = structure incorrecte : { $detail }

## error.rs : le genre d'une erreur d'entrée-sortie (en anglais, les mots du système).
io-not-found = fichier ou dossier introuvable
io-permission-denied = accès refusé
io-already-exists = existe déjà
io-storage-full = disque plein
io-read-only-filesystem = système de fichiers en lecture seule
io-is-a-directory = c'est un dossier
io-not-a-directory = ce n'est pas un dossier
io-invalid-data = données invalides
io-unexpected-eof = fin de fichier inattendue
io-timed-out = délai dépassé
io-address-in-use = adresse déjà utilisée
io-address-not-available = adresse non disponible
io-connection-refused = connexion refusée
io-interrupted = opération interrompue
io-other = erreur d'entrée-sortie

# Le fichier du registre de confiance (trust_registry.rs).
registry-unreadable = lecture impossible de { $path } : { $reason }
registry-invalid = { $path }, ligne { $line } : { $reason }
registry-toml = syntaxe TOML invalide, ou clé inconnue ou de mauvais type (détail en anglais : { $detail })
registry-not-a-did = « { $id } » n'est pas un DID (sans fragment)
registry-not-did-web = « { $id } » n'est pas un did:web valide
registry-name-missing = un émetteur exige `name` et `name_fr`
registry-no-types = `credential_types` est vide : nommez les types, ou « * »
registry-until-not-after-from = `until` n'est pas après `from`
registry-overlaps = chevauche l'entrée de la ligne { $line } (même émetteur, type et période)
