from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from rules.contrib.views import permission_required

from innochallenge.jobs.queries import jobs_visible_to
from innochallenge.jobs.registry import result_template_for


@login_required
@permission_required("jobs.view_jobs", raise_exception=True)
def job_list(request):
    return render(request, "jobs/list.html", {"jobs": jobs_visible_to(request.user)[:100]})


@login_required
@permission_required("jobs.view_jobs", raise_exception=True)
def job_detail(request, job_id):
    job = get_object_or_404(jobs_visible_to(request.user), pk=job_id)
    template = "jobs/_progress.html" if request.headers.get("HX-Request") else "jobs/detail.html"
    context = {"job": job, "result_template": result_template_for(job.kind)}
    return render(request, template, context)
