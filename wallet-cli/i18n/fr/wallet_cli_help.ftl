# Aide de la ligne de commande de `wallet-cli` : descriptions, aide des arguments, noms de valeurs.

about = Vos attestations
about-backup = Écrire tout le portefeuille (toujours chiffré) dans un seul fichier
about-delete = Supprimer une attestation conservée
about-did = Afficher votre DID
about-export = Afficher une attestation conservée telle qu'elle a été reçue
about-import = Vérifier un fichier d'attestation (JSON ou JWT) et le conserver
about-init = Créer votre portefeuille : une nouvelle clé (did:key, ou did:jwk) et un stockage chiffré
about-list = Lister vos attestations
about-present = Signer une présentation d'attestations conservées pour le défi et le domaine d'un vérificateur, ou répondre à une demande OpenID4VP d'un vérificateur (--request)
about-receive = Recevoir une attestation d'une offre OpenID4VCI (openid-credential-offer://…), la vérifier et la conserver
about-restore = Recréer un portefeuille à partir d'une sauvegarde, dans un répertoire de portefeuille vide
about-show = Afficher une attestation conservée (par son identifiant) ou un fichier d'attestation, dans votre langue
after =
    Codes de sortie :
      0  terminé
      1  l'attestation ne se vérifie pas
      2  erreur d'utilisation ou d'entrée
      3  portefeuille inaccessible (absent, phrase de passe erronée, endommagé)
      4  l'attestation est gardée, mais pas encore vérifiée (son émetteur n'a pu être joint)

    La phrase de passe est demandée, ou lue dans WALLET_PASSPHRASE.
arg--lang = Langue : en ou fr (par défaut : selon LANG)
arg--wallet = Répertoire du portefeuille (par défaut : WALLET_DIR, sinon le répertoire de données de la plateforme)
arg-any--did_documents = Utiliser ce document DID (fichier JSON) plutôt que de résoudre son DID
arg-any--hosts = Lire à URL_DE_BASE ce qui est publié sur HÔTE (HÔTE=URL_DE_BASE) ; implique --online
arg-any--id = Un identifiant du portefeuille (ou ses premiers caractères), ou l'identifiant d'une attestation
arg-any--online = Résoudre les émetteurs did:web et lire les listes de statuts par HTTPS
arg-backup--file = Le fichier de sauvegarde à écrire
arg-export--out = Écrire dans ce fichier plutôt que sur la sortie standard
arg-import--file = Le fichier d'attestation (JSON ou JWT)
arg-import--force = La garder même si elle porte sur quelqu'un d'autre (son sujet n'est pas votre DID)
arg-init--did_method = key ou jwk
arg-list--issuer = Seulement les attestations dont le nom ou le DID de l'émetteur contient ce texte
arg-list--json = Afficher la liste en JSON
arg-list--kind = Seulement ce type (skill pour compétence, assignment pour affectation, ou un type d'attestation)
arg-list--skill = Seulement les attestations qui nomment cette compétence (sa clé, p. ex. api_design)
arg-list--trust = Les émetteurs auxquels vous faites confiance : un registre comme pour `verifier --trust` (TOML)
arg-present--challenge = Le défi du vérificateur (avec les identifiants)
arg-present--credentials = Avec --request : l'attestation à envoyer (répéter pour plusieurs) ; par défaut, celles qui correspondent, quand il n'y a pas de choix à faire
arg-present--disclose = Pour une attestation SD-JWT : les éléments à montrer, p. ex. skills.api_design,team (les autres restent cachés). Sans cette option, un terminal demande élément par élément ; un script n'en montre aucun
arg-present--domain = Le domaine du vérificateur (avec les identifiants)
arg-present--format = ldp_vp (Data Integrity, eddsa-rdfc-2022) ou jwt_vp (vp+jwt)
arg-present--ids = Les attestations conservées à présenter (avec --challenge et --domain)
arg-present--out = Écrire la présentation dans ce fichier plutôt que sur la sortie standard (sans --request)
arg-present--request = Répondre à cette demande OpenID4VP : le lien openid4vp:// (ou l'URL https de la demande) que le vérificateur vous a montré
arg-present--yes = Avec --request : envoyer sans demander (pour les scripts)
arg-receive--offer = L'offre d'attestation : un lien openid-credential-offer://?… (ou le JSON de l'offre)
arg-receive--pin = Le code de transaction (NIP) que votre ministère vous a envoyé, quand l'offre en demande un
arg-restore--file = Le fichier de sauvegarde à lire
arg-show--credential = Un identifiant du portefeuille (ou ses premiers caractères), l'identifiant d'une attestation, ou un fichier
arg-show--json = Afficher plutôt le JSON de l'attestation
arg-show--trust = Les émetteurs auxquels vous faites confiance : un registre comme pour `verifier --trust` (TOML)
value-CHALLENGE = DÉFI
value-CREDENTIAL = ATTESTATION
value-DID_METHOD = MÉTHODE_DID
value-DIR = RÉPERTOIRE
value-DISCLOSE = RÉVÉLER
value-DOMAIN = DOMAINE
value-DURATION = DURÉE
value-FILE = FICHIER
value-FORMAT = FORMAT
value-HOST--BASE_URL = HÔTE=URL_DE_BASE
value-ID = ID
value-IDS = ID
value-ISSUER = ÉMETTEUR
value-KIND = TYPE
value-LANG = LANGUE
value-OFFER = OFFRE
value-OUT = SORTIE
value-PIN = NIP
value-REQUEST = DEMANDE
value-SKILL = COMPÉTENCE
about-profile = Votre profil tel qu'un gestionnaire le verrait : les compétences par famille, les affectations les plus récentes d'abord, l'état de chaque ligne et quand son statut a été lu pour la dernière fois
about-profile-note = Conserver vos propres mots sur une attestation de compétence ou d'affectation de votre profil (montrés comme les vôtres, jamais comme vérifiés)
about-profile-export = Écrire votre profil dans un fichier signé à joindre à une candidature : vos attestations de compétence et d'affectation dans une présentation signée avec la clé de votre portefeuille, pour le vérificateur d'un employeur et jusqu'à une date (les attestations SD-JWT sont laissées de côté, et c'est dit)
about-profile-withdraw = Retirer votre profil du répertoire de talents d'un vérificateur : votre portefeuille prouve qu'il détient la clé sous laquelle votre profil a été publié, et le répertoire le supprime avec tout ce qui en découlait
arg-list--refresh = Relire d'abord en ligne les listes de statuts de vos attestations, et conserver ce qu'elles disent
arg-list--refresh_hosts = Avec --refresh : récupérer à URL_DE_BASE ce qui est publié sur HÔTE (HÔTE=URL_DE_BASE)
arg-profile--json = Afficher le profil en JSON
arg-profile--refresh = Relire d'abord en ligne les listes de statuts de vos attestations, et conserver ce qu'elles disent
arg-profile--refresh_hosts = Avec --refresh : récupérer à URL_DE_BASE ce qui est publié sur HÔTE (HÔTE=URL_DE_BASE)
arg-profile--trust = Les émetteurs auxquels vous faites confiance : un registre comme pour `verifier --trust` (TOML)
arg-profile-export--force = Avec --out : remplacer le fichier s'il existe
arg-profile-export--out = Écrire dans ce fichier (jamais à moitié) plutôt que sur la sortie standard
arg-profile-export--expires = Combien de temps le fichier reste valide : en heures, jours ou semaines (12h, 30d, 2w), un an au plus
arg-profile-export--audience = Le vérificateur de l'employeur, par son nom d'hôte (avec :port quand son adresse en a un), par exemple jobs.example : lui seul accepte le fichier
arg-profile-note--clear = Supprimer vos mots sur cette attestation
arg-profile-note--en = Vos mots en anglais (500 caractères au plus)
arg-profile-note--fr = Vos mots en français (500 caractères au plus)
arg-profile-withdraw--directory = L'adresse du répertoire (celle du vérificateur), par exemple https://verifier.example
value-TEXT = TEXTE
value-URL = URL
