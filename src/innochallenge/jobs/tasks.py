from django_tasks import task

from innochallenge.jobs.services import run_job


@task()
def task_run_job(job_id: str) -> str:
    return run_job(job_id).state
