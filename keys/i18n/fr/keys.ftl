# Messages de la caisse keys : fichiers de clé, clé maîtresse de l'émetteur, secrets scellés.

key-file-unreadable = lecture impossible du fichier de clé { $path } : { $reason }
key-file-unwritable = écriture impossible du fichier de clé { $path } : { $reason }
key-file-exists = le fichier de clé { $path } existe déjà ; une clé n'est jamais écrasée
key-file-permissions = le fichier de clé { $path } est lisible par d'autres utilisateurs (mode { $mode }) ; lancez `chmod 600` dessus
key-file-format = le fichier de clé { $path } n'est pas un fichier de clé Talent Credentials : { $reason }
key-file-passphrase-required = le fichier de clé { $path } est chiffré : une phrase de passe est nécessaire
key-file-wrong-passphrase = phrase de passe erronée pour le fichier de clé { $path }, ou fichier modifié
key-file-mismatch = le fichier de clé { $path } contient une clé privée qui ne correspond pas à sa clé publique
key-derivation = la dérivation de clé a échoué : { $reason }
key-derivation-parameters = paramètres de dérivation de clé hors limites
master-key-wrong-length = la clé maîtresse (ISSUER_MASTER_KEY ou master_key_file) doit faire 32 octets en base64 ; elle en fait { $found }
master-key-not-base64 = la clé maîtresse (ISSUER_MASTER_KEY ou master_key_file) doit faire 32 octets en base64 ; ce n'est pas du base64

# Pourquoi un fichier de clé n'est pas des nôtres.
format-too-large = plus de 64 Kio
format-not-json = ce n'est pas du JSON ({ $detail })
format-unknown = format { $format } version { $version } algorithme { $algorithm }
format-private-key-not-multibase = privateKeyMultibase n'est pas en multibase ({ $detail })
format-private-key-not-ed25519 = privateKeyMultibase n'est pas une clé privée Ed25519

# Pourquoi le scellement ou l'ouverture d'un secret a échoué.
seal-failed = le scellement a échoué
seal-not-base64 = la clé scellée n'est pas en base64 ({ $detail })
seal-too-short = la clé scellée est trop courte
seal-wrong-length = la clé scellée n'a pas la bonne longueur
seal-cannot-open = la clé scellée ne peut pas être ouverte
seal-wrong-master-key = la clé scellée ne peut pas être ouverte : clé maîtresse erronée, ou enregistrement modifié
seal-argon2 = Argon2 : { $detail }

# Clés dans un module de sécurité matériel (PKCS#11).
pkcs11-module = impossible d'utiliser le module PKCS#11 { $path } : { $detail }
pkcs11-no-token = aucun jeton PKCS#11 initialisé { $token }
pkcs11-pin = le jeton PKCS#11 { $token } a refusé le NIP utilisateur ({ $detail })
pkcs11-pin-file = impossible de lire le fichier du NIP PKCS#11 { $path } : { $reason }
pkcs11-lost = le jeton PKCS#11 { $token } est injoignable ({ $detail })
pkcs11-no-key = le jeton PKCS#11 { $token } ne contient aucune clé nommée { $label }
pkcs11-malformed = l'objet PKCS#11 { $label } n'est pas une clé Ed25519 de cet émetteur : { $detail }
pkcs11-failed = échec PKCS#11 : { $detail }
