# Messages of the keys crate: key files, the issuer's master key, sealed secrets.

key-file-unreadable = cannot read key file { $path }: { $reason }
key-file-unwritable = cannot write key file { $path }: { $reason }
key-file-exists = key file { $path } already exists; refusing to overwrite a key
key-file-permissions = key file { $path } is readable by other users (mode { $mode }); run `chmod 600` on it
key-file-format = key file { $path } is not a Talent Credentials key file: { $reason }
key-file-passphrase-required = key file { $path } is encrypted: a passphrase is needed
key-file-wrong-passphrase = wrong passphrase for key file { $path }, or the file was altered
key-file-mismatch = key file { $path } holds a private key that does not match its public key
key-derivation = key derivation failed: { $reason }
key-derivation-parameters = key derivation parameters out of range
master-key-wrong-length = the master key (ISSUER_MASTER_KEY or master_key_file) must be 32 bytes in base64, found { $found } bytes
master-key-not-base64 = the master key (ISSUER_MASTER_KEY or master_key_file) must be 32 bytes in base64, and is not base64

# Why a key file is not one of ours.
format-too-large = larger than 64 KiB
format-not-json = not JSON ({ $detail })
format-unknown = format { $format } version { $version } algorithm { $algorithm }
format-private-key-not-multibase = privateKeyMultibase is not multibase ({ $detail })
format-private-key-not-ed25519 = privateKeyMultibase is not an Ed25519 private key

# Why sealing or opening a secret failed.
seal-failed = sealing failed
seal-not-base64 = sealed key is not base64 ({ $detail })
seal-too-short = sealed key too short
seal-wrong-length = sealed key has the wrong length
seal-cannot-open = cannot open the sealed key
seal-wrong-master-key = cannot open the sealed key: wrong master key, or the record was altered
seal-argon2 = Argon2: { $detail }

# Keys in a hardware security module (PKCS#11).
pkcs11-module = cannot use the PKCS#11 module { $path }: { $detail }
pkcs11-no-token = no initialized PKCS#11 token { $token }
pkcs11-pin = the PKCS#11 token { $token } refused the user PIN ({ $detail })
pkcs11-pin-file = cannot read the PKCS#11 PIN file { $path }: { $reason }
pkcs11-lost = the PKCS#11 token { $token } is not reachable ({ $detail })
pkcs11-no-key = the PKCS#11 token { $token } holds no key labelled { $label }
pkcs11-malformed = the PKCS#11 object { $label } is not an Ed25519 key of this issuer: { $detail }
pkcs11-failed = PKCS#11 failure: { $detail }
