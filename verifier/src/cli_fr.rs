//! The French texts of `verifier`'s command line (help, descriptions, value names), laid over the
//! English doc comments by `bilingual_cli`. A test fails when an option has no French here.

pub(crate) const FRENCH: bilingual_cli::French = &[
    ("", "Vérifier des attestations et des présentations"),
    ("!after", "Codes de sortie :\n  0  tout est valide\n  1  au moins une attestation invalide\n  2  erreur d'utilisation ou d'entrée"),
    ("verify!after", "Codes de sortie :\n  0  tout est valide\n  1  au moins une attestation invalide\n  2  erreur d'utilisation ou d'entrée"),
    (":lang", "Langue des messages et des rapports : en ou fr (par défaut : selon LANG)"),
    ("=API_TOKEN", "JETON_API"),
    ("=CHALLENGE", "DÉFI"),
    ("=DID", "DID"),
    ("=DOMAIN", "DOMAINE"),
    ("=FILE", "FICHIER"),
    ("=FROM", "DÈS"),
    ("=HOST=BASE_URL", "HÔTE=URL_DE_BASE"),
    ("=KIND", "TYPE"),
    ("=LANG", "LANGUE"),
    ("=LISTEN", "ÉCOUTE"),
    ("=NAME", "NOM"),
    ("=NAME_FR", "NOM_FR"),
    ("=PATHS", "CHEMINS"),
    ("=PER_SECOND", "PAR_SECONDE"),
    ("=PUBLIC_URL", "URL_PUBLIQUE"),
    ("=SECONDS", "SECONDES"),
    ("=THREADS", "FILS"),
    ("=TIME", "MOMENT"),
    ("=TYPES", "TYPES"),
    ("=UNTIL", "JUSQU_À"),
    ("=URL=FILE", "URL=FICHIER"),
    (
        "serve",
        "Lancer le service de vérification (W3C CCG VC-API : /credentials/verify, /presentations/verify, /challenges)",
    ),
    (
        "serve:api_token",
        "Jeton porteur exigé pour créer et lire les demandes de présentation (recommandé dès que d'autres peuvent joindre le service)",
    ),
    (
        "serve:did_web_hosts",
        "Lire à URL_DE_BASE les documents DID et les listes de statuts de HÔTE (HÔTE=URL_DE_BASE) ; le service lit toujours did:web et les listes de statuts en ligne",
    ),
    (
        "serve:json_logs",
        "Journaux en lignes JSON (une par requête : méthode, route, statut, durée ; aucune donnée personnelle). Le niveau vient de VERIFIER_LOG (info par défaut)",
    ),
    (
        "serve:key",
        "Fichier de la clé qui signe les demandes OpenID4VP (son did:key nomme ce vérificateur auprès des portefeuilles) ; créé s'il manque. Sans lui, une nouvelle clé est créée à chaque démarrage",
    ),
    ("serve:listen", "Adresse d'écoute"),
    ("serve:name", "Le nom que les portefeuilles affichent pour ce vérificateur, en anglais (déclaré par lui, à côté de son DID)"),
    ("serve:name_fr", "Le nom que les portefeuilles affichent pour ce vérificateur, en français"),
    (
        "serve:public_url",
        "URL où les portefeuilles joignent ce service (request_uri et response_uri d'OpenID4VP) ; par défaut http://ÉCOUTE",
    ),
    (
        "serve:rate_limit",
        "Requêtes par seconde permises par adresse de client (429 au-delà) ; sans limite par défaut",
    ),
    (
        "serve:require_status",
        "Répondre 503 quand une liste de statuts ne peut pas être lue (par défaut : 200 avec verified à false et un avertissement)",
    ),
    ("serve:status_cache", "Durée maximale de réutilisation d'une liste de statuts, en secondes"),
    (
        "serve:tls_cert",
        "Servir en HTTPS avec cette chaîne de certificats PEM (avec --tls-key), pour un déploiement sans mandataire inverse",
    ),
    ("serve:tls_key", "La clé privée PEM de --tls-cert"),
    ("serve:trust", "Registre des émetteurs reconnus (TOML), relu quand il change"),
    ("trust", "Consulter et modifier le registre des émetteurs reconnus"),
    ("trust add", "Ajouter un émetteur reconnu (le fichier est vérifié en entier avant d'être écrit)"),
    ("trust add:did", "Le DID de l'émetteur, ou did:web:HÔTE pour tous les DID de cet hôte"),
    ("trust add:from", "Reconnu à partir de ce moment (RFC 3339) ; sans début par défaut"),
    ("trust add:name", "Le nom de l'émetteur en anglais"),
    ("trust add:name_fr", "Le nom de l'émetteur en français"),
    ("*:registry", "Le fichier du registre des émetteurs reconnus (TOML)"),
    (
        "trust add:types",
        "Types d'attestations, séparés par des virgules (p. ex. SkillCredential,AssignmentCredential), ou *",
    ),
    ("trust add:until", "Reconnu jusqu'à ce moment (RFC 3339) ; sans fin par défaut"),
    (
        "trust check",
        "Ce DID est-il reconnu pour ce type d'attestation maintenant ? Code de sortie 0 si oui, 1 si non",
    ),
    ("trust check:did", "Le DID à vérifier"),
    ("trust check:kind", "Le type d'attestation (p. ex. SkillCredential)"),
    ("trust list", "Lister les émetteurs reconnus"),
    (
        "verify",
        "Vérifier des attestations, des présentations ou des JWT dans des fichiers ou des répertoires (hors ligne par défaut)",
    ),
    ("verify:at", "Vérifier la validité à ce moment (RFC 3339) plutôt que maintenant"),
    ("verify:challenge", "Le défi auquel une présentation doit répondre"),
    (
        "verify:contexts",
        "Ajouter un contexte JSON-LD à l'ensemble intégré (URL=FICHIER) ; les contextes ne sont jamais téléchargés",
    ),
    ("verify:did_documents", "Utiliser ce document DID (fichier JSON) pour son DID plutôt que de le résoudre"),
    (
        "verify:did_web_hosts",
        "Lire plutôt à URL_DE_BASE les documents DID de l'hôte did:web HÔTE (HÔTE=URL_DE_BASE) ; implique --online",
    ),
    ("verify:domain", "Le domaine auquel une présentation doit être liée"),
    ("verify:json", "Afficher les rapports en JSON"),
    (
        "verify:online",
        "Résoudre les émetteurs did:web par HTTPS (les adresses privées, de bouclage et locales au lien sont refusées)",
    ),
    (
        "verify:paths",
        "Fichiers ou répertoires (on y cherche *.json, *.jsonld, *.jwt) ; « - » lit l'entrée standard",
    ),
    (
        "verify:require_status",
        "Refuser une attestation dont la liste de statuts ne peut pas être téléchargée (par défaut : statut « inconnu »)",
    ),
    (
        "verify:status_cache",
        "Durée maximale d'utilisation d'une liste de statuts téléchargée avant de la redemander, en secondes (le ttl et le Cache-Control de l'émetteur s'appliquent s'ils sont plus courts)",
    ),
    (
        "verify:status_lists",
        "Utiliser cette attestation de liste de statuts (fichier) pour URL plutôt que de la télécharger (URL=FICHIER) ; vérifie le statut sans réseau",
    ),
    ("verify:threads", "Fils de travail (par défaut : un par cœur)"),
    (
        "verify:trust",
        "Registre des émetteurs reconnus (TOML) : l'émetteur de chaque attestation doit être reconnu pour son type",
    ),
    ("verify:verbose", "Afficher chaque vérification de chaque fichier, pas seulement les échecs"),
];

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn every_text_of_the_command_line_has_its_french() {
        assert_eq!(bilingual_cli::missing_french(crate::cli::Cli::command(), super::FRENCH), Vec::<String>::new());
    }
}
