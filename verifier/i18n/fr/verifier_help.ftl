# Aide de la ligne de commande de `verifier` : descriptions, aide des arguments, noms de valeurs.

about = Vérifier des attestations et des présentations
about-serve = Lancer le service de vérification (W3C CCG VC-API : /credentials/verify, /presentations/verify, /challenges)
about-trust = Consulter et modifier le registre des émetteurs reconnus
about-trust-add = Ajouter un émetteur reconnu (le fichier est vérifié en entier avant d'être écrit)
about-trust-check = Ce DID est-il reconnu pour ce type d'attestation maintenant ? Code de sortie 0 si oui, 1 si non
about-trust-list = Lister les émetteurs reconnus
about-verify = Vérifier des attestations, des présentations ou des JWT dans des fichiers ou des répertoires (hors ligne par défaut)
after =
    Codes de sortie :
      0  tout est valide
      1  au moins une attestation invalide
      2  erreur d'utilisation ou d'entrée
      3  tout est signé, mais au moins une par un émetteur que vous n'avez pas déclaré digne de confiance (pas de registre --trust)
after-verify =
    Codes de sortie :
      0  tout est valide
      1  au moins une attestation invalide
      2  erreur d'utilisation ou d'entrée
      3  tout est signé, mais au moins une par un émetteur que vous n'avez pas déclaré digne de confiance (pas de registre --trust)
arg--lang = Langue des messages et des rapports : en ou fr (par défaut : selon LANG)
arg-any--registry = Le fichier du registre des émetteurs reconnus (TOML)
arg-serve--api_token = Un jeton porteur qui peut créer et lire les demandes de présentation, en plus de ceux de `verifier token create`; sans l'un ni l'autre, un jeton est créé au premier démarrage et affiché une seule fois
arg-serve--did_web_hosts = Lire à URL_DE_BASE les documents DID et les listes de statuts de HÔTE (HÔTE=URL_DE_BASE) ; le service lit toujours did:web et les listes de statuts en ligne
arg-serve--json_logs = Journaux en lignes JSON (une par requête : méthode, route, statut, durée ; aucune donnée personnelle). Le niveau vient de VERIFIER_LOG (info par défaut)
arg-serve--key = Fichier de la clé qui signe les demandes OpenID4VP (son did:key nomme ce vérificateur auprès des portefeuilles) ; créé s'il manque. Sans lui, la clé gardée scellée dans la base de données (créée au premier démarrage; `verifier key rotate` la remplace)
arg-serve--listen = Adresse d'écoute
arg-serve--name = Le nom que les portefeuilles affichent pour ce vérificateur, en anglais (déclaré par lui, à côté de son DID)
arg-serve--name_blind = Montrer chaque profil de talents et chaque réponse sans le nom ni les identifiants de la personne jusqu'à ce qu'un gestionnaire appuie sur « dévoiler » (consigné) ; sans cette option, une demande peut le demander elle-même
arg-serve--name_fr = Le nom que les portefeuilles affichent pour ce vérificateur, en français
arg-serve--public_url = URL où les portefeuilles joignent ce service (request_uri et response_uri d'OpenID4VP) ; par défaut http://ÉCOUTE
arg-serve--rate_limit = Requêtes par seconde permises par adresse de client (429 au-delà) ; sans limite par défaut
arg-serve--require_status = Répondre 503 quand une liste de statuts ne peut pas être lue (par défaut : 400 avec verified à false et un avertissement)
arg-serve--status_cache = Durée maximale de réutilisation d'une liste de statuts, en secondes
arg-serve--tls_cert = Servir en HTTPS avec cette chaîne de certificats PEM (avec --tls-key), pour un déploiement sans mandataire inverse
arg-serve--tls_key = La clé privée PEM de --tls-cert
arg-serve--trust = Registre des émetteurs reconnus (TOML), relu quand il change
arg-trust-add--did = Le DID de l'émetteur, ou did:web:HÔTE pour tous les DID de cet hôte
arg-trust-add--from = Reconnu à partir de ce moment (RFC 3339) ; sans début par défaut
arg-trust-add--name = Le nom de l'émetteur en anglais
arg-trust-add--name_fr = Le nom de l'émetteur en français
arg-trust-add--types = Types d'attestations, séparés par des virgules (p. ex. SkillCredential,AssignmentCredential), ou *
arg-trust-add--until = Reconnu jusqu'à ce moment (RFC 3339) ; sans fin par défaut
arg-trust-check--did = Le DID à vérifier
arg-trust-check--kind = Le type d'attestation (p. ex. SkillCredential)
arg-verify--at = Vérifier la validité à ce moment (RFC 3339) plutôt que maintenant
arg-verify--challenge = Le défi auquel une présentation doit répondre
arg-verify--contexts = Ajouter un contexte JSON-LD à l'ensemble intégré (URL=FICHIER) ; les contextes ne sont jamais téléchargés
arg-verify--did_documents = Utiliser ce document DID (fichier JSON) pour son DID plutôt que de le résoudre
arg-verify--did_web_hosts = Lire plutôt à URL_DE_BASE les documents DID de l'hôte did:web HÔTE (HÔTE=URL_DE_BASE) ; implique --online
arg-verify--domain = Le domaine (destinataire) auquel une présentation doit être liée ; une présentation faite pour un destinataire (un fichier de profil de talents) est refusée sans lui
arg-verify--json = Afficher les rapports en JSON
arg-verify--online = Résoudre les émetteurs did:web par HTTPS (les adresses privées, de bouclage et locales au lien sont refusées)
arg-verify--paths = Fichiers ou répertoires (on y cherche *.json, *.jsonld, *.jwt) ; « - » lit l'entrée standard
arg-verify--require_status = Refuser une attestation dont la liste de statuts ne peut pas être téléchargée (par défaut : statut « inconnu »)
arg-verify--status_cache = Durée maximale d'utilisation d'une liste de statuts téléchargée avant de la redemander, en secondes (le ttl et le Cache-Control de l'émetteur s'appliquent s'ils sont plus courts)
arg-verify--status_lists = Utiliser cette attestation de liste de statuts (fichier) pour URL plutôt que de la télécharger (URL=FICHIER) ; vérifie le statut sans réseau
arg-verify--threads = Fils de travail (par défaut : un par cœur)
arg-verify--trust = Registre des émetteurs reconnus (TOML) : l'émetteur de chaque attestation doit être reconnu pour son type
arg-verify--verbose = Afficher chaque vérification de chaque fichier, pas seulement les échecs
value-API_TOKEN = JETON_API
value-CHALLENGE = DÉFI
value-DAYS = JOURS
value-DID = DID
value-DOMAIN = DOMAINE
value-FILE = FICHIER
value-FROM = DÈS
value-HOST--BASE_URL = HÔTE=URL_DE_BASE
value-KIND = TYPE
value-LANG = LANGUE
value-LISTEN = ÉCOUTE
value-NAME = NOM
value-NAME_FR = NOM_FR
value-PATHS = CHEMINS
value-PER_SECOND = PAR_SECONDE
value-PUBLIC_URL = URL_PUBLIQUE
value-SECONDS = SECONDES
value-THREADS = FILS
value-TIME = MOMENT
value-TYPES = TYPES
value-UNTIL = JUSQU_À
value-URL--FILE = URL=FICHIER
about-token = Créer, lister et révoquer les jetons d'API du service (dans sa base de données, hachés)
about-token-create = Créer un jeton d'API; il est affiché une seule fois, et seule son empreinte est conservée
about-token-list = Lister les jetons (jamais leurs secrets)
about-token-revoke = Révoquer un jeton par son identifiant
about-key = Remplacer la clé qui signe les demandes de présentation du service
about-key-rotate = Rendre courante une nouvelle clé de signature des demandes (les demandes déjà signées restent vérifiables)
about-requests = Lister les demandes de présentation encore ouvertes
about-requests-list = Lister les demandes de présentation ouvertes : identifiant, qui l'a créée, quand elle expire, réponses échouées
arg-any--data_dir = Répertoire de la base de données SQLite intégrée et de la clé maîtresse, créé au premier démarrage
arg-any--database_url = URL PostgreSQL (postgres://…) d'une base de données propre au vérificateur, que plusieurs répliques partagent; sans elle, la base SQLite de --data-dir
arg-any--master_key_file = Fichier de la clé maîtresse (base64) qui scelle la clé de signature des demandes dans la base de données; par défaut DIR/master.key, créé s'il manque. VERIFIER_MASTER_KEY peut donner la clé elle-même
arg-serve--directory_days = Combien de temps un profil reste dans le répertoire des talents une fois publié par son titulaire, en jours
arg-serve--max_failed_answers = Nombre de réponses échouées après lequel une demande de présentation est fermée comme échouée
arg-serve--max_open_requests = Demandes de présentation ouvertes permises par jeton d'API (429 au-delà)
arg-serve--outcome_retention = Durée, en secondes, pendant laquelle le résultat d'une demande reste lisible avant d'être supprimé (il contient des données personnelles)
arg-serve--purge_every = Fréquence, en secondes, de suppression des demandes et défis expirés
arg-token-create--description = Qui ou quoi l'utilise (pour la liste)
arg-token-create--scopes = Ce qu'il permet : request (créer des demandes de présentation), read (lire leurs résultats), directory (chercher dans le répertoire des talents)
arg-token-revoke--id = L'identifiant du jeton (voir token list)
value-DESCRIPTION = DESCRIPTION
value-DIR = RÉP
value-ID = ID
value-N = N
value-SCOPE = PORTÉE
value-URL = URL
about-figures = Chiffres de l'écosystème des compétences publiés par les ministères avec confidentialité différentielle
about-figures-combine = Lire des publications de chiffres, vérifier chacune (signature, registre de confiance) et écrire leur somme
arg-figures-combine--sources = Publications : URL (https://…) ou fichiers
arg-figures-combine--out = Dossier où écrire les chiffres combinés (un CSV par tableau, JSON, métadonnées)
arg-figures-combine--trust = Registre des émetteurs de confiance (TOML) ; sans lui, aucune publication n'est fiable
arg-figures-combine--include_untrusted = Combiner aussi les publications d'émetteurs dont le registre ne se porte pas garant (elles sont quand même signalées)
arg-figures-combine--online = Résoudre les émetteurs did:web par le réseau
arg-figures-combine--did_web_hosts = Lire un hôte did:web (et ses publications) depuis une autre URL de base (HÔTE=URL_DE_BASE)
arg-figures-combine--did_documents = Un document DID pour résoudre un émetteur, hors ligne
arg-serve--figures = Montrer sur la page /figures les chiffres de l'écosystème des compétences que `verifier figures combine` a écrits dans ce dossier
about-figures-budget = Fixer la perte de confidentialité totale (ε) que les publications de la demande de ce vérificateur peuvent dépenser pour un trimestre
about-figures-release = Compter les compétences demandées par les requêtes de ce vérificateur pendant un trimestre, les publier avec OpenDP et les afficher signées
arg-figures-budget--period = Le trimestre, par exemple 2026Q4
arg-figures-budget--epsilon = ε total des publications du trimestre
arg-figures-release--period = Le trimestre, par exemple 2026Q4
arg-figures-release--epsilon = ε que cette publication dépense du budget du trimestre
value-PERIOD = PÉRIODE
value-EPSILON = EPSILON
