# Messages de la caisse schemas : erreurs, violations des profils, libellés des champs et
# formulation des attestations qu'elle construit.

# Les erreurs de la caisse (error.rs). $profile est le code d'un profil : skill, assignment ou other.
error-unknown-level = niveau de compétence inconnu « { $level } » : valeurs acceptées : beginner (débutant), intermediate (intermédiaire), advanced (avancé) ou expert
error-unknown-skill = clé de compétence inconnue « { $key } » : absente de la bibliothèque de compétences de Talents numériques du GC
error-invalid = l'attestation ne respecte pas le profil { $profile } : { $violations }
error-wrong-profile = attestation de type { $expected } attendue, attestation de type { $found } reçue
error-schema-unavailable = le schéma JSON intégré du profil { $profile } ne se compile pas (un défaut du logiciel) : { $reason }
error-unreadable = l'attestation n'a pas pu être lue dans ses champs typés : { $reason }
profile-name = { $profile ->
    [skill] compétence
    [assignment] affectation
   *[other] générique
}

# Une violation avec son pointeur JSON, et ce qui sépare les violations sur une ligne (error.rs).
violation-line = { $path } : { $message }
violation-separator = { " ; " }

# Ce que dit une violation du schéma JSON (validate.rs) ; $value est la valeur JSON fautive.
schema-quoted-text = « { $text } »
schema-required = la propriété { $property } est obligatoire
schema-type = { $value } n'est pas du type attendu (« { $kind } »)
schema-types = { $value } n'est pas du type attendu ({ $types })
schema-format = { $value } n'est pas au format « { $format } »
schema-const = la valeur doit être { $expected }
schema-enum = { $value } n'est pas l'une des valeurs permises : { $options }
schema-min-length = { $limit ->
    [1] { $value } ne doit pas être vide
   *[other] { $value } doit compter au moins { $limit } caractères
}
schema-max-length = { $value } doit compter au plus { $limit } caractères
schema-min-items = { $limit ->
    [1] { $value } ne doit pas être vide
   *[other] la liste doit compter au moins { $limit } éléments
}
schema-max-items = la liste { $value } doit compter au plus { $limit } éléments
schema-minimum = { $value } est inférieur à { $limit }
schema-maximum = { $value } est supérieur à { $limit }
schema-pattern = { $value } ne correspond pas au motif « { $pattern } »
schema-unexpected-name = { $name }
schema-additional-properties = { $count ->
    [one] propriété non prévue
   *[other] propriétés non prévues
} : { $properties }
schema-any-of = { $value } ne correspond à aucune des formes permises
schema-one-of-none = { $value } ne correspond à aucune des formes permises
schema-one-of-many = { $value } correspond à plusieurs formes, alors qu'une seule est permise
schema-contains = la liste { $value } ne contient aucun élément valide
schema-unique-items = les éléments de la liste { $value } doivent être distincts
schema-false = la valeur { $value } n'est pas permise
schema-not = la valeur { $value } ne respecte pas la règle « not » du schéma ({ $schema })
# Toute autre règle : $detail est le message (anglais) du validateur lui-même.
schema-other = la valeur ne respecte pas la règle « { $keyword } » du schéma ({ $detail })

# Règles qui comparent deux champs (rules.rs) ; $end_field et $start_field sont des noms de propriété.
rule-dates-out-of-order = { $end_field } « { $end } » précède { $start_field } « { $start } »
rule-skill-not-aligned = la compétence « { $key } » n'a pas d'entrée dans /credentialSubject/achievement/alignment
rule-target-url = targetUrl « { $url } » devrait être « { $expected } »
rule-not-bilingual = { $field } doit être écrit en anglais et en français : une table de langues à côté, ou des valeurs linguistiques étiquetées « en » et « fr »

# Revendications SD-JWT VC révélées (sd_jwt_vc.rs) ; $reason est le message du lecteur JSON lui-même.
claims-no-sd-jwt-form = seules les attestations de compétence et d'affectation ont une forme SD-JWT VC
claims-unreadable = les revendications sont illisibles : { $reason }
claims-skill-achievement-type = le type de réalisation d'une attestation de compétence est Competency
claims-assignment-achievement-type = le type de réalisation d'une attestation d'affectation est Assignment
claims-assignment-in-skill = des revendications d'affectation dans une attestation de compétence
claims-skill-in-assignment = des revendications de compétence dans une attestation d'affectation
claims-skill-name = le nom d'une compétence est {"{"}"en", "fr"{"}"}
claims-unknown-type = type d'attestation inconnu : « { $vct } »
# Une revendication divulgable telle que la lit son titulaire : « Compétence utilisée : Conception d'API ».
claim-with-value = { $label } : { $value }

# Libellés des champs d'une attestation, tels que le portefeuille et le vérificateur les montrent (display.rs, sd_jwt_vc.rs).
label-credential = Titre
label-skill = Compétence
label-category = Catégorie
label-level = Niveau
label-role = Rôle
label-department = Ministère
label-team = Équipe
label-start = Début
label-end = Fin
label-skills-used = Compétences utilisées
label-skill-used = Compétence utilisée
label-description = Description
label-issuer = Émetteur
label-holder = Titulaire
label-valid-from = Valide à partir du
label-valid-until = Valide jusqu’au
label-evidence = Preuve
# La fin d'une affectation qui n'est pas terminée.
label-end-current = En cours

# Catégories de compétences et niveaux de maîtrise (labels.rs).
category-technical = Technique
category-behavioural = Comportementale
level-beginner = Débutant
level-intermediate = Intermédiaire
level-advanced = Avancé
level-expert = Expert

# La formulation d'une attestation de compétence construite (skill.rs).
skill-credential-name = { $skill } ({ $level })
skill-description = Maîtrise de la compétence « { $skill } » de la bibliothèque de compétences de Talents numériques du GC.
skill-criteria = Évaluée par l’émetteur, qui atteste le niveau de maîtrise indiqué dans ce titre de compétence.

# Le nom des propres mots de la personne (own_words.rs).
own-words-credential-name = Mes propres mots sur mes attestations (attestés par personne)

# La formulation d'une attestation d'affectation construite (assignment.rs).
assignment-heading = { $role }, { $department }
assignment-name = Affectation : { $heading }
assignment-criteria = L’organisation émettrice confirme que la personne titulaire a occupé cette affectation pendant la période indiquée.
assignment-description-ended = A occupé le rôle « { $role } » au sein de { $department } du { $start } au { $end }.
assignment-description-current = Occupe le rôle « { $role } » au sein de { $department } depuis le { $start }.
