"""Jobs: done, failed with a message for people, never run twice, visible to who started them."""

from innochallenge.jobs.enums import JobState
from innochallenge.jobs.models import Job
from innochallenge.jobs.registry import job_kind
from innochallenge.jobs.services import JobFailure, run_job, start_job
from tests.factories.accounts import UserFactory

RUNS = []


@job_kind("tests.count")
def count(job, progress):
    RUNS.append(job.pk)
    for i in range(3):
        progress(i + 1, 3, f"step {i + 1}")
    return {"counted": 3}


@job_kind("tests.bad_file")
def bad_file(job, progress):
    raise JobFailure("第 3 行：预算不是数字")


@job_kind("tests.crash")
def crash(job, progress):
    raise RuntimeError("internal detail")


def start(kind, user, capture):
    with capture(execute=True):
        return start_job(kind, by=user, label=kind)


def test_a_job_runs_to_done_with_its_progress_and_result(organiser, django_capture_on_commit_callbacks):
    job = start("tests.count", organiser, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.result) == (JobState.DONE, 3, 3, {"counted": 3})
    assert job.percent == 100


def test_a_finished_job_is_not_run_again(organiser, django_capture_on_commit_callbacks):
    RUNS.clear()
    job = start("tests.count", organiser, django_capture_on_commit_callbacks)
    run_job(job.pk)  # the task delivered a second time
    assert [job.pk] == RUNS


def test_failures_keep_a_message_for_people_and_hide_internals(
    organiser, client, django_capture_on_commit_callbacks
):
    failed = start("tests.bad_file", organiser, django_capture_on_commit_callbacks)
    failed.refresh_from_db()
    assert (failed.state, failed.message) == (JobState.FAILED, "第 3 行：预算不是数字")
    crashed = start("tests.crash", organiser, django_capture_on_commit_callbacks)
    crashed.refresh_from_db()
    assert crashed.state == JobState.FAILED
    client.force_login(organiser)
    assert "预算不是数字" in client.get(f"/jobs/{failed.pk}/").content.decode()


def test_job_pages_follow_who_started_them(organiser, liaison_of, client, django_capture_on_commit_callbacks):
    liaison = liaison_of("xiangcheng")
    job = start("tests.count", liaison, django_capture_on_commit_callbacks)
    client.force_login(liaison)
    assert client.get(f"/jobs/{job.pk}/").status_code == 200
    fragment = client.get(f"/jobs/{job.pk}/", headers={"hx-request": "true"}).content.decode()
    assert fragment.lstrip().startswith("<section") and "<html" not in fragment
    client.force_login(liaison_of("wuzhong"))
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
    client.force_login(UserFactory())
    assert client.get("/jobs/").status_code == 403
    client.force_login(organiser)
    assert client.get(f"/jobs/{job.pk}/").status_code == 200
    assert Job.objects.count() == 1
