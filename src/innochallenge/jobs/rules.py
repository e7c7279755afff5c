import rules

from innochallenge.accounts.rules import is_organiser, is_staff_role

rules.add_perm("jobs.view_jobs", is_staff_role)
rules.add_perm("jobs.view_job", is_organiser)
rules.add_perm("jobs.delete_job", is_organiser)
rules.add_perm("jobs.view_workerbeat", is_organiser)  # the admin's list of live task workers
