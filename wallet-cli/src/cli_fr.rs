//! The French texts of `wallet`'s command line (help, descriptions, value names), laid over the
//! English doc comments by `bilingual_cli`. A test fails when an option has no French here.

pub(crate) const FRENCH: bilingual_cli::French = &[
    ("", "Vos attestations"),
    (
        "!after",
        "Codes de sortie :\n  0  terminé\n  1  l'attestation ne se vérifie pas\n  2  erreur d'utilisation ou d'entrée\n  3  portefeuille inaccessible (absent, phrase de passe erronée, endommagé)\n\nLa phrase de passe est demandée, ou lue dans WALLET_PASSPHRASE.",
    ),
    (":lang", "Langue : en ou fr (par défaut : selon LANG)"),
    (":wallet", "Répertoire du portefeuille (par défaut : WALLET_DIR, sinon le répertoire de données de la plateforme)"),
    ("=CHALLENGE", "DÉFI"),
    ("=CREDENTIAL", "ATTESTATION"),
    ("=DID_METHOD", "MÉTHODE_DID"),
    ("=DIR", "RÉPERTOIRE"),
    ("=DISCLOSE", "RÉVÉLER"),
    ("=DOMAIN", "DOMAINE"),
    ("=FILE", "FICHIER"),
    ("=FORMAT", "FORMAT"),
    ("=HOST=BASE_URL", "HÔTE=URL_DE_BASE"),
    ("=ID", "ID"),
    ("=IDS", "ID"),
    ("=ISSUER", "ÉMETTEUR"),
    ("=KIND", "TYPE"),
    ("=LANG", "LANGUE"),
    ("=OFFER", "OFFRE"),
    ("=OUT", "SORTIE"),
    ("=PIN", "NIP"),
    ("=REQUEST", "DEMANDE"),
    ("=SKILL", "COMPÉTENCE"),
    ("backup", "Écrire tout le portefeuille (toujours chiffré) dans un seul fichier"),
    ("backup:file", "Le fichier de sauvegarde à écrire"),
    ("delete", "Supprimer une attestation conservée"),
    ("*:id", "Un identifiant du portefeuille (ou ses premiers caractères), ou l'identifiant d'une attestation"),
    ("did", "Afficher votre DID"),
    ("export", "Afficher une attestation conservée telle qu'elle a été reçue"),
    ("export:out", "Écrire dans ce fichier plutôt que sur la sortie standard"),
    ("import", "Vérifier un fichier d'attestation (JSON ou JWT) et le conserver"),
    ("*:did_documents", "Utiliser ce document DID (fichier JSON) plutôt que de résoudre son DID"),
    ("import:file", "Le fichier d'attestation (JSON ou JWT)"),
    ("*:hosts", "Lire à URL_DE_BASE ce qui est publié sur HÔTE (HÔTE=URL_DE_BASE) ; implique --online"),
    ("*:online", "Résoudre les émetteurs did:web et lire les listes de statuts par HTTPS"),
    ("init", "Créer votre portefeuille : une nouvelle clé (did:key, ou did:jwk) et un stockage chiffré"),
    ("init:did_method", "key ou jwk"),
    ("list", "Lister vos attestations"),
    ("list:issuer", "Seulement les attestations dont le nom ou le DID de l'émetteur contient ce texte"),
    ("list:json", "Afficher la liste en JSON"),
    ("list:kind", "Seulement ce type (skill pour compétence, assignment pour affectation, ou un type d'attestation)"),
    ("list:skill", "Seulement les attestations qui nomment cette compétence (sa clé, p. ex. api_design)"),
    (
        "present",
        "Signer une présentation d'attestations conservées pour le défi et le domaine d'un vérificateur, ou répondre à une demande OpenID4VP d'un vérificateur (--request)",
    ),
    ("present:challenge", "Le défi du vérificateur (avec les identifiants)"),
    (
        "present:credentials",
        "Avec --request : l'attestation à envoyer (répéter pour plusieurs) ; par défaut, celles qui correspondent, quand il n'y a pas de choix à faire",
    ),
    (
        "present:disclose",
        "Pour une attestation SD-JWT : les éléments à montrer, p. ex. skills.api_design,team (les autres restent cachés). Sans cette option, un terminal demande élément par élément ; un script n'en montre aucun",
    ),
    ("present:domain", "Le domaine du vérificateur (avec les identifiants)"),
    ("present:format", "ldp_vp (Data Integrity, eddsa-rdfc-2022) ou jwt_vp (vp+jwt)"),
    ("present:ids", "Les attestations conservées à présenter (avec --challenge et --domain)"),
    ("present:out", "Écrire la présentation dans ce fichier plutôt que sur la sortie standard (sans --request)"),
    (
        "present:request",
        "Répondre à cette demande OpenID4VP : le lien openid4vp:// (ou l'URL https de la demande) que le vérificateur vous a montré",
    ),
    ("present:yes", "Avec --request : envoyer sans demander (pour les scripts)"),
    (
        "receive",
        "Recevoir une attestation d'une offre OpenID4VCI (openid-credential-offer://…), la vérifier et la conserver",
    ),
    ("receive:offer", "L'offre d'attestation : un lien openid-credential-offer://?… (ou le JSON de l'offre)"),
    ("receive:pin", "Le code de transaction (NIP) que votre ministère vous a envoyé, quand l'offre en demande un"),
    ("restore", "Recréer un portefeuille à partir d'une sauvegarde, dans un répertoire de portefeuille vide"),
    ("restore:file", "Le fichier de sauvegarde à lire"),
    ("show", "Afficher une attestation conservée (par son identifiant) ou un fichier d'attestation, dans votre langue"),
    ("show:credential", "Un identifiant du portefeuille (ou ses premiers caractères), l'identifiant d'une attestation, ou un fichier"),
    ("show:json", "Afficher plutôt le JSON de l'attestation"),
];

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn every_text_of_the_command_line_has_its_french() {
        assert_eq!(bilingual_cli::missing_french(crate::Cli::command(), super::FRENCH), Vec::<String>::new());
    }
}
