import rules

from innochallenge.accounts.rules import is_organiser

# Consents are read in the admin by organisers (also inline on a user's page); nobody changes them.
rules.add_perm("privacy.view_consent", is_organiser)
