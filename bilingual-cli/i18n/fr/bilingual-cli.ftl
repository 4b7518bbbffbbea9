# Ce que clap écrit lui-même autour de nos textes, en français (--lang fr).

## Mise en page de l'aide (titres, ligne d'utilisation, nom de valeur d'une sous-commande).
cli-heading-commands = Commandes :
cli-heading-arguments = Arguments :
cli-heading-options = Options :
cli-usage = Utilisation :
cli-value-command = COMMANDE

## Aide des arguments propres à clap et de la sous-commande `help`.
cli-help-subcommand = Afficher ce message ou l'aide des sous-commandes données
cli-help-flag = Afficher l'aide
cli-help-flag-short = Afficher l'aide (« --help » pour plus de détails)
cli-version-flag = Afficher la version

## Notes que clap ajoute à l'aide d'un argument.
cli-note-default = [par défaut : { $values }]
cli-note-possible = [valeurs possibles : { $values }]
cli-note-env = [variable d'environnement : { $variable }]
cli-note-subcommands = [sous-commandes : { $values }]

## Pourquoi une valeur est refusée, pour les analyseurs de la bibliothèque standard.
cli-reason-number-empty = aucun nombre donné
cli-reason-number-too-large = nombre trop grand
cli-reason-number-zero = zéro n'est pas permis
cli-reason-number-invalid = ce n'est pas un nombre entier positif
cli-reason-address = ce n'est pas une adresse IP:port (p. ex. 127.0.0.1:8080)

## Erreurs d'analyse.
cli-error = erreur : { $message }
cli-error-value-missing = « { $arg } » demande une valeur, mais aucune n'a été donnée
cli-error-value-invalid = valeur « { $value } » invalide pour « { $arg } »
cli-error-value-invalid-because = valeur « { $value } » invalide pour « { $arg } » : { $reason }
cli-error-unknown-argument = argument inattendu « { $arg } »
cli-error-unknown-subcommand = sous-commande inconnue « { $subcommand } »
cli-error-no-equals = « { $arg } » demande un signe = avant sa valeur
cli-error-too-many-values = valeur « { $value } » en trop pour « { $arg } »
cli-error-too-few-values = trop peu de valeurs pour « { $arg } » : au moins { $expected } attendues, { $actual } données
cli-error-wrong-number-of-values = nombre de valeurs incorrect pour « { $arg } » : { $expected } attendues, { $actual } données
cli-error-given-twice = l'argument « { $arg } » ne peut pas être donné plus d'une fois
cli-error-conflict = l'argument « { $arg } » ne peut pas être utilisé avec « { $prior } »
cli-error-conflict-many = l'argument « { $arg } » ne peut pas être utilisé avec un ou plusieurs des autres arguments donnés
cli-error-missing-required = arguments obligatoires manquants :{ $list }
cli-error-missing-subcommand = « { $command } » demande une sous-commande, mais aucune n'a été donnée
cli-error-invalid-utf8 = un argument n'est pas de l'UTF-8 valide
cli-error-other = ligne de commande invalide
cli-error-more = Pour en savoir plus, essayez « --help ».

## Conseils.
cli-hint = conseil : { $hint }
cli-hint-similar-subcommand = une sous-commande semblable existe : « { $suggested } »
cli-hint-similar-argument = un argument semblable existe : « { $suggested } »
cli-hint-similar-value = une valeur semblable existe : « { $suggested } »
cli-hint-pass-as-value = pour passer « { $argument } » comme valeur, écrivez « { $fix } »
cli-hint-subcommand-after-dashes = la sous-commande « { $subcommand } » existe ; pour l'employer, retirez le « -- » qui la précède
cli-hint-exists = « { $name } » existe
