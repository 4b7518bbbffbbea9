# Messages of the schemas crate: errors, profile violations, field labels and the wording of
# the credentials it builds.

# The crate's errors (error.rs). $profile is a profile's code: skill, assignment or other.
error-unknown-level = unknown proficiency level "{ $level }": expected beginner, intermediate, advanced or expert
error-unknown-skill = unknown skill key "{ $key }": not in the GC Digital Talent skills library
error-invalid = credential does not match the { $profile } profile: { $violations }
error-wrong-profile = expected a { $expected } credential, found a { $found } credential
error-schema-unavailable = built-in JSON Schema for the { $profile } profile does not compile: { $reason }
error-unreadable = credential could not be read: { $reason }
profile-name = { $profile ->
    [skill] skill
    [assignment] assignment
   *[other] other
}

# One violation with its JSON pointer, and what separates violations on one line (error.rs).
violation-line = { $path }: { $message }
violation-separator = { "; " }

# What a JSON Schema violation says (validate.rs); $value is the offending JSON value.
schema-quoted-text = "{ $text }"
schema-required = { $property } is a required property
schema-type = { $value } is not of type "{ $kind }"
schema-types = { $value } is not of types { $types }
schema-format = { $value } is not a "{ $format }"
schema-const = { $expected } was expected
schema-enum = { $value } is not one of { $options }
schema-min-length = { $value } is shorter than { $limit } { $limit ->
    [one] character
   *[other] characters
}
schema-max-length = { $value } is longer than { $limit } { $limit ->
    [one] character
   *[other] characters
}
schema-min-items = { $value } has less than { $limit } { $limit ->
    [one] item
   *[other] items
}
schema-max-items = { $value } has more than { $limit } { $limit ->
    [one] item
   *[other] items
}
schema-minimum = { $value } is less than the minimum of { $limit }
schema-maximum = { $value } is greater than the maximum of { $limit }
schema-pattern = { $value } does not match "{ $pattern }"
schema-unexpected-name = '{ $name }'
schema-additional-properties = Additional properties are not allowed ({ $properties } { $count ->
    [one] was
   *[other] were
} unexpected)
schema-any-of = { $value } is not valid under any of the schemas listed in the 'anyOf' keyword
schema-one-of-none = { $value } is not valid under any of the schemas listed in the 'oneOf' keyword
schema-one-of-many = { $value } is valid under more than one of the schemas listed in the 'oneOf' keyword
schema-contains = None of { $value } are valid under the given schema
schema-unique-items = { $value } has non-unique elements
schema-false = False schema does not allow { $value }
schema-not = { $schema } is not allowed for { $value }
# Any other rule: $detail is the validator's own (English) message.
schema-other = { $detail } (schema rule "{ $keyword }")

# Rules that compare two fields (rules.rs); $end_field and $start_field are property names.
rule-dates-out-of-order = { $end_field } "{ $end }" is earlier than { $start_field } "{ $start }"
rule-skill-not-aligned = skill "{ $key }" has no entry in /credentialSubject/achievement/alignment
rule-target-url = targetUrl "{ $url }" should be "{ $expected }"
rule-not-bilingual = { $field } must be written in English and in French: a language map beside it, or language values tagged "en" and "fr"

# Revealed SD-JWT VC claims (sd_jwt_vc.rs); $reason is the JSON reader's own message.
claims-no-sd-jwt-form = only skill and assignment credentials have an SD-JWT VC form
claims-unreadable = { $reason }
claims-skill-achievement-type = a skill credential's achievement type is Competency
claims-assignment-achievement-type = an assignment credential's achievement type is Assignment
claims-assignment-in-skill = assignment claims in a skill credential
claims-skill-in-assignment = skill claims in an assignment credential
claims-skill-name = a skill's name is {"{"}"en", "fr"{"}"}
claims-unknown-type = unknown credential type { $vct }
# A disclosable claim as its holder reads it: "Skill used: API design".
claim-with-value = { $label }: { $value }

# Labels of a credential's fields, as the wallet and the verifier show them (display.rs, sd_jwt_vc.rs).
label-credential = Credential
label-skill = Skill
label-category = Category
label-level = Level
label-role = Role
label-department = Department
label-team = Team
label-start = Start
label-end = End
label-skills-used = Skills used
label-skill-used = Skill used
label-description = Description
label-issuer = Issuer
label-holder = Holder
label-valid-from = Valid from
label-valid-until = Valid until
label-evidence = Evidence
# The end of an assignment that has not ended.
label-end-current = Current

# Skill categories and proficiency levels (labels.rs).
category-technical = Technical
category-behavioural = Behavioural
level-beginner = Beginner
level-intermediate = Intermediate
level-advanced = Advanced
level-expert = Expert

# The wording of a built skill credential (skill.rs).
skill-credential-name = { $skill } ({ $level })
skill-description = Proficiency in the skill “{ $skill }” of the GC Digital Talent skills library.
skill-criteria = Assessed by the issuer, who attests the proficiency level stated in this credential.

# The name of the person's own words (own_words.rs).
own-words-credential-name = My own words about my credentials (not attested by anyone)

# The wording of a built assignment credential (assignment.rs).
assignment-heading = { $role }, { $department }
assignment-name = Assignment: { $heading }
assignment-criteria = The issuing organization confirms that the holder held this assignment for the period stated.
assignment-description-ended = Held the role “{ $role }” at { $department } from { $start } to { $end }.
assignment-description-current = Holds the role “{ $role }” at { $department } since { $start }.
