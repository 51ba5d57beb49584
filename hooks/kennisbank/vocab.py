"""The fixed vocabularies. This is the one place they are defined.

Names shown to readers live in ``hooks/locales/<lang>/LC_MESSAGES/messages.po``; here are only the keys.
"""

# section key -> folder under docs/ and id prefix
SECTIONS = {
    "thema": {"folder": "themas", "prefix": "T"},
    "voorwaarde": {"folder": "voorwaarden", "prefix": "V"},
    "organisatie": {"folder": "organisatie", "prefix": "O"},
}

AUDIENCES = ("ouders", "leerkrachten", "schoolleiders", "jeugdzorg", "pabo")

TAGS = (
    "verwachtingen",
    "opvoeding",
    "cultuur",
    "godsdienst",
    "gezondheid",
    "taal",
    "tolk",
    "vertrouwen",
    "gelijkwaardigheid",
    "huisbezoek",
    "vaders",
    "kind-betrekken",
    "beleid",
    "informeren",
    "contact",
    "positief",
    "gesprekstechniek",
    "jeugdzorg",
    "meedoen",
    "tijd",
    "samenwerken",
    "angst",
)

FOLDER_TO_SECTION = {v["folder"]: k for k, v in SECTIONS.items()}

# Who may stamp a translation as reviewed: a role, never a person's name.
REVIEWER_ROLES = ("tolk", "vertaler", "ouder", "leerkracht", "contactouder", "moedertaalspreker")
