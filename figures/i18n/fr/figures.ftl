# Messages de la caisse figures : publications de dénombrements avec confidentialité différentielle.

figures-epsilon = la perte de confidentialité ε doit être un nombre supérieur à zéro, et non { $value }
figures-delta = δ doit être supérieur à zéro et inférieur à un, et non { $value }
figures-bound = chaque personne doit pouvoir compter dans au moins une case
figures-no-threshold = aucun seuil de suppression ne garde δ sous { $delta } avec ce bruit ; demandez un ε ou un δ plus grand
figures-opendp = OpenDP a refusé la mesure : { $detail }
figures-period = { $period } n'est pas un trimestre comme 2026Q4
figures-document = ce n'est pas une publication de chiffres : { $detail }
